import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type OfflineChatMessage,
  offlineAssistantReply,
} from "../../../src/offline/assistant/assistant-reply.js";
import { createRng } from "../../../src/rng/random.js";
import { dictionaryLines } from "../../../src/text/cspell-dictionary.js";
import { seedQueries } from "../conversation-fixtures.js";

// What the assistant says back is written, not copied: it never repeats a slip of the user's and
// never leaves a template seam ("less less", "does n't", "{X}").

const QUERIES = seedQueries();

function ask(messages: OfflineChatMessage[], seed: string): string {
  return offlineAssistantReply({ messages, model: "offline-v1" }, createRng(5, seed, "assistant"));
}

/**
 * The query with its longest plain word (7+ letters, outside quotes and code, which are kept as
 * written) typed with two letters swapped, and that typo.
 */
function withTypo(query: string): { text: string; typo: string } | undefined {
  const prose = query.replace(/"[^"]*"|(?<!\p{L})'[^']*'|“[^”]*”|‘[^’]*’|`[^`]*`/gu, " ");
  const word = (prose.match(/\b[a-z]{7,}\b/g) ?? []).sort((a, b) => b.length - a.length)[0];
  if (word === undefined) return undefined;
  const typo = `${word[0]}${word[2]}${word[1]}${word.slice(3)}`;
  return typo === word ? undefined : { text: query.replace(word, typo), typo };
}

test("a reply never repeats the user's typo: 0 of the seed queries typed with a swap", () => {
  let asked = 0;
  const copied: string[] = [];
  QUERIES.forEach((query, i) => {
    const typed = withTypo(query);
    if (typed === undefined) return;
    asked++;
    const first = ask([{ role: "user", content: typed.text }], String(i));
    // And in a follow-up that repeats the slip.
    const followUp = ask(
      [
        { role: "user", content: query },
        { role: "assistant", content: first },
        { role: "user", content: `ok but what about the ${typed.typo} part?` },
      ],
      String(i),
    );
    for (const reply of [first, followUp])
      if (new RegExp(`\\b${typed.typo}\\b`, "i").test(reply))
        copied.push(`${typed.typo}: ${reply.slice(0, 120)}`);
  });
  assert.ok(asked > 300, `only ${asked} queries`);
  assert.deepEqual(copied, []);
});

/** cspell's misspellings that are no English word themselves, by the word they misspell. */
function nonWordMisspellings(): Map<string, string> {
  const correct = new Set<string>();
  const lines = dictionaryLines();
  for (const line of lines)
    for (const w of line.slice(line.indexOf("->") + 2).split(",")) correct.add(w.trim().toLowerCase());
  const byWord = new Map<string, string>();
  for (const line of lines) {
    const [wrong, right] = [
      line.slice(0, line.indexOf("->")),
      line.slice(line.indexOf("->") + 2).split(",")[0],
    ];
    if (right === undefined || !/^[a-z]{5,}$/.test(wrong) || correct.has(wrong)) continue;
    if (!byWord.has(right.trim())) byWord.set(right.trim(), wrong);
  }
  return byWord;
}

test("a reply never repeats a real misspelling of the user's (cspell's list), first turn or follow-up", () => {
  const misspelt = nonWordMisspellings();
  let asked = 0;
  const copied: string[] = [];
  QUERIES.forEach((query, i) => {
    const prose = query.replace(/"[^"]*"|(?<!\p{L})'[^']*'|“[^”]*”|‘[^’]*’|`[^`]*`/gu, " ");
    const word = (prose.match(/\b[a-z]{5,}\b/g) ?? []).find((w) => misspelt.has(w));
    const typo = word === undefined ? undefined : misspelt.get(word);
    if (word === undefined || typo === undefined) return;
    asked++;
    const text = query.replace(new RegExp(`\\b${word}\\b`), typo);
    const first = ask([{ role: "user", content: text }], String(i));
    const followUp = ask(
      [
        { role: "user", content: query },
        { role: "assistant", content: first },
        { role: "user", content: `thats great, but what about the ${typo} part? i dont get it` },
      ],
      String(i),
    );
    for (const reply of [first, followUp])
      if (new RegExp(`\\b(?:${typo}|thats|dont)\\b`, "i").test(reply))
        copied.push(`${typo}: ${reply.slice(0, 160)}`);
  });
  assert.ok(asked > 200, `only ${asked} queries`);
  assert.deepEqual(copied, []);
});

test("quoted text keeps the user's slips byte-identical", () => {
  const reply = ask(
    [{ role: "user", content: 'Proofread this: "We recieved teh report and sohuld reply soon."' }],
    "q",
  );
  assert.ok(reply.includes('"We recieved teh report and sohuld reply soon."'), reply);
});

test('no reply leaves a doubled word, a split contraction, "\'ve a" or an unfilled slot', () => {
  const systems = [
    "",
    "Be concise.",
    "Give detailed, step-by-step answers with examples.",
    "Respond formally, as a table.",
  ];
  const seams: string[] = [];
  QUERIES.forEach((query, i) => {
    const reply = ask(
      [
        ...(i % 4 === 0 ? [] : [{ role: "system" as const, content: systems[i % 4] as string }]),
        { role: "user", content: query },
      ],
      String(i),
    );
    for (const m of reply.matchAll(
      /\b([a-z]+) \1\b|\b\w+ n't\b|\b(?:we|I|you|they)'ve (?:a|an|the)\b|\{[A-Z]\}/gi,
    )) {
      if (!query.toLowerCase().includes(m[0].toLowerCase()))
        seams.push(`${m[0]} in the reply to ${JSON.stringify(query)}`);
    }
  });
  assert.deepEqual(seams, []);
});

test("a greeting before the request is never taken for its subject", () => {
  const greetings = ["Hope your day's going well!", "Hope all is well!", "Hi! thanks in advance."];
  const echoed: string[] = [];
  QUERIES.forEach((query, i) => {
    const greeting = greetings[i % greetings.length] as string;
    const reply = ask([{ role: "user", content: `${greeting} ${query}` }], String(i));
    if (/going well|all is well|in advance|\bhi\b(?! \[Name\])/i.test(reply))
      echoed.push(reply.slice(0, 160));
  });
  assert.deepEqual(echoed, []);
});

test("no phrase breaks agreement ('tends to succeeds', 'everything else depend')", () => {
  const found: string[] = [];
  QUERIES.forEach((query, i) => {
    const reply = ask([{ role: "user", content: query }], `t${i}`);
    for (const m of reply.matchAll(
      /\btends to (?:succeeds|stalls|gets)\b|\beverything else depend\b|\bother points depends\b/g,
    ))
      found.push(m[0]);
  });
  assert.deepEqual(found, []);
});

test("what the style transfer's own sentences talk about is never the reply's subject", () => {
  const asks = "I want to avoid the usual beginner mistakes if I can. I'm trying to weigh up my options.";
  const said: string[] = [];
  QUERIES.filter((_, i) => i % 5 === 0).forEach((query, i) => {
    const reply = ask([{ role: "user", content: `${query} ${asks}` }], `s${i}`);
    if (/beginner mistakes|your options/i.test(reply)) said.push(reply.slice(0, 160));
  });
  assert.deepEqual(said, []);
});
