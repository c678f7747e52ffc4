import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type OfflineChatMessage,
  offlineAssistantReply,
} from "../../../src/offline/assistant/assistant-reply.js";
import { createRng } from "../../../src/rng/random.js";
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
