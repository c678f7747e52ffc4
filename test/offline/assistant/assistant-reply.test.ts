import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type OfflineChatMessage,
  offlineAssistantReply,
} from "../../../src/offline/assistant/assistant-reply.js";
import { GIVE_UPS } from "../../../src/offline/user/user-lines.js";
import { createRng } from "../../../src/rng/random.js";
import { readUserText, specificsOf } from "../../../src/text/user-text.js";
import { seedQueries } from "../conversation-fixtures.js";

function reply(messages: OfflineChatMessage[], seed = "s", model = "offline-v1"): string {
  return offlineAssistantReply({ messages, model }, createRng(11, seed, "assistant"));
}

function ask(query: string, system = "", seed = "s"): string {
  const messages: OfflineChatMessage[] = system === "" ? [] : [{ role: "system", content: system }];
  messages.push({ role: "user", content: query });
  return reply(messages, seed);
}

const QUERIES = seedQueries();

test("every reply is non-empty, whatever the request and the system prompt", () => {
  const systems = [
    "",
    "Be concise.",
    "Give detailed, step-by-step answers with examples.",
    "Respond formally, in bullet points.",
  ];
  QUERIES.forEach((query, i) => {
    const text = ask(query, systems[i % systems.length], String(i));
    assert.ok(text.trim().length > 40, `empty-ish reply to ${JSON.stringify(query)}`);
  });
  for (const odd of ["", "   ", "?", "hi", "👍", "asdf qwer"])
    assert.ok(ask(odd).trim().length > 0, JSON.stringify(odd));
  assert.ok(reply([]).length > 0, "no messages at all");
  assert.ok(reply([{ role: "system", content: "Be concise." }]).length > 0, "only a system prompt");
});

test("a reply repeats a number, name or quote from the user message exactly", () => {
  let checked = 0;
  QUERIES.forEach((query, i) => {
    const s = specificsOf(readUserText(query));
    // Bare counts alone ("2", "0" out of `y*2`, `y%2==0`) name nothing a reply could say back
    // ("Build around 2").
    const numbers = s.numbers.every((n) => /^\d+$/.test(n)) ? [] : s.numbers;
    const specifics = [...numbers, ...s.names, ...s.quotes];
    if (specifics.length === 0) return;
    checked++;
    const text = ask(query, i % 2 === 0 ? "" : "Be concise.", String(i));
    assert.ok(
      specifics.some((x) => text.includes(x)),
      `no specific of ${JSON.stringify(specifics)} in the reply to ${JSON.stringify(query)}:\n${text}`,
    );
  });
  assert.ok(checked > 200, `only ${checked} queries had specifics`);
  const budget = ask(
    "I want an espresso machine under $500 for making lattes at home. Semi-automatic or pod?",
  );
  assert.match(budget, /\$500/);
  const quoted = ask(`Improve this resume bullet: "Responsible for managing social media accounts."`);
  assert.ok(quoted.includes(`"Responsible for managing social media accounts."`), quoted);
});

test("a coding request gets a fenced code block in the right language", () => {
  const python = ask(
    "Write a Python function that takes a list of dictionaries and groups them by a given key.",
  );
  assert.match(python, /```python\n[\s\S]*def \w+\(/);
  const bash = ask("Write a bash script that deletes files older than 30 days in /var/backups/db.");
  assert.match(bash, /```bash\n[\s\S]*-mtime \+30/);
  const git = ask("How do I undo my last git commit but keep the changes in my working directory?");
  assert.match(git, /```bash\n[\s\S]*git reset --soft HEAD~1/);
  const sql = ask("Write a SQL query that counts monthly active users from an events table.");
  assert.match(sql, /```sql\n[\s\S]*SELECT/);
  const noCode = ask(
    "Write a Python function that reverses a string.",
    "Explain without code; the user does not read code.",
  );
  assert.doesNotMatch(noCode, /```/);
  const prose = ask("Write a short poem about autumn leaves.");
  assert.doesNotMatch(prose, /```/);
});

test("a 'concise' system prompt gives shorter replies than a 'detailed' one", () => {
  let shorter = 0;
  const sample = QUERIES.filter((_, i) => i % 11 === 0);
  for (const [i, query] of sample.entries()) {
    const concise = ask(query, "The user is busy: keep answers concise and to the point.", String(i));
    const detailed = ask(
      query,
      "The user wants detailed, thorough answers that explain the reasoning.",
      String(i),
    );
    if (concise.length < detailed.length) shorter++;
  }
  assert.equal(shorter, sample.length, `${shorter}/${sample.length} concise replies were shorter`);
});

test("system prompt cues shape the reply: steps, table, formal register, plain words", () => {
  const steps = ask(
    "How can I reduce lower back pain from sitting at a desk?",
    "Explain step-by-step with numbered steps.",
  );
  assert.match(steps, /^1\. /m);
  assert.match(steps, /^2\. /m);
  const table = ask(
    "Compare the Kindle Paperwhite and the Kobo Clara.",
    "The user likes answers as a table.",
  );
  assert.match(table, /^\| .* \|$/m);
  assert.ok(table.includes("Kindle Paperwhite"), table);
  const formal = ask("Explain how compound interest works.", "Use a formal, professional tone.");
  assert.doesNotMatch(formal, /\b(?:here's|let's|you're|don't|it's|that's)\b/i);
  assert.doesNotMatch(formal, /!/);
  const plain = ask(
    "Explain how a VPN works.",
    "The user is a beginner: use plain language and avoid jargon.",
    "p",
  );
  const technical = ask(
    "Explain how a VPN works.",
    "The user is an expert; technical depth and precise terminology.",
    "p",
  );
  assert.notEqual(plain, technical);
});

test("a follow-up is answered in the context of the previous answer", () => {
  const query = "How do I set up parental controls on an iPad for a 7-year-old?";
  const first = ask(query, "Use numbered steps.");
  const base: OfflineChatMessage[] = [
    { role: "system", content: "Use numbered steps." },
    { role: "user", content: query },
    { role: "assistant", content: first },
  ];
  const step2 = reply([...base, { role: "user", content: "can you explain step 2 in more detail?" }]);
  assert.match(step2, /Step 2 was "/);
  const secondItem = /^2\. (?:\*\*)?([^*:.,;]+)/m.exec(first)?.[1]?.trim() ?? "";
  assert.ok(
    secondItem !== "" && step2.includes(secondItem.split(" ").slice(0, 3).join(" ")),
    `${first}\n---\n${step2}`,
  );

  const table = reply([...base, { role: "user", content: "could you put the previous list in a table?" }]);
  assert.match(table, /previous list as a table/);
  assert.match(table, /^\| .* \|$/m);

  const shorter = reply([...base, { role: "user", content: "too long, just give me the short version" }]);
  assert.ok(shorter.length < first.length, `${shorter}`);

  const term = reply([...base, { role: "user", content: "wait, what does idempotent mean?" }]);
  assert.match(term, /"idempotent" means running it twice/);
  // An analogy reads inside its sentence.
  for (let i = 0; i < 20; i++)
    assert.doesNotMatch(
      reply([...base, { role: "user", content: "what does idempotent mean?" }], `a${i}`),
      /like [A-Z][a-z]/,
    );

  const situation = reply([
    ...base,
    { role: "user", content: "I'm a teacher with 30 kids in my class, does this still work?" },
  ]);
  // The reply names the situation back (its opener is drawn from a pool, so no fixed wording).
  assert.match(situation, /\bteacher with 30 kids\b/);
  const person = reply([...base, { role: "user", content: "how would this apply to a night-shift nurse?" }]);
  assert.match(person, /a night-shift nurse/);

  const forgot = reply([
    ...base,
    {
      role: "user",
      content: "Apologies, I forgot to mention that I need this by Friday. How would that affect this?",
    },
  ]);
  assert.doesNotMatch(forgot, /Apologies|forgot to mention/);

  const wrong = reply([...base, { role: "user", content: "step 3 is wrong, that menu doesn't exist" }]);
  assert.match(wrong, /right|correct|catch|Fair point/i);
  assert.match(wrong, /step 3/);
});

test("messy input is noticed: a second request, a change of mind, a reference it cannot see", () => {
  const second = ask(
    "Write a short bio for my website. oh and also, what's a good headline for my LinkedIn?",
  );
  assert.match(second, /On your other question/);
  const change = ask("Plan a 3-day trip to Rome in April, actually wait, make it May");
  assert.match(change, /Noted the change/);
  assert.ok(change.includes("make it May"), change);
  const context = ask("Write the weekly status update, same format as last time.");
  assert.match(context, /earlier (?:chats|conversations)/);
});

test("replies are deterministic for a seed and vary across seeds and models", () => {
  const query = "What's the difference between a Roth IRA and a traditional IRA?";
  assert.equal(ask(query, "", "a"), ask(query, "", "a"));
  const variants = new Set(["a", "b", "c", "d", "e", "f"].map((seed) => ask(query, "", seed)));
  assert.ok(variants.size >= 3, `only ${variants.size} distinct replies over 6 seeds`);
  const messages: OfflineChatMessage[] = [{ role: "user", content: query }];
  const models = new Set(["gpt-4o", "claude", "llama", "mistral"].map((m) => reply(messages, "same", m)));
  assert.ok(models.size >= 2);
});

test("a give-up gets a short, fitting close: no thanks for thanks, no new answer, no question", () => {
  const query = "How do I get my sourdough starter to rise more reliably?";
  const first = ask(query);
  const base: OfflineChatMessage[] = [
    { role: "user", content: query },
    { role: "assistant", content: first },
  ];
  // The simulated user's give-up lines, every register, with the subject filled in.
  const lines = Object.values(GIVE_UPS)
    .flat()
    .map((l) => l.replaceAll("{T}", "my sourdough starter"));
  assert.ok(lines.length >= 30);
  const wrong: string[] = [];
  lines.forEach((line, i) => {
    const close = reply([...base, { role: "user", content: line }], `g${i}`);
    if (
      /welcome|glad it helped|happy to help|anytime|any time|\?|^\s*[-\d]/im.test(close) ||
      close.length > 240
    )
      wrong.push(`${line} -> ${close}`);
  });
  assert.deepEqual(wrong, []);
  // Thanks is still answered as thanks.
  assert.match(
    reply([...base, { role: "user", content: "thanks, that helps!" }]),
    /welcome|glad|happy|anytime|any time/i,
  );
});

test("'would this be different for a student?' is answered for that person", () => {
  const query = "Make a 4-week study schedule for the GRE quantitative section.";
  const first = ask(query);
  const answer = reply([
    { role: "user", content: query },
    { role: "assistant", content: first },
    { role: "user", content: "Would your advice on GRE be different for a night-shift nurse?" },
  ]);
  assert.match(answer, /night-shift nurse/);
  assert.doesNotMatch(answer, /^Short answer/m);
});
