import assert from "node:assert/strict";
import { test } from "node:test";
import { offlineAssistantReply } from "../../../src/offline/assistant/assistant-reply.js";
import { createRng } from "../../../src/rng/random.js";

// What a slot takes from the user's request goes where a noun phrase goes, so it must read as one:
// not a fragment of a verb phrase, not a head cut from its "of", not the pronoun "one" as a count.

const SYSTEMS = [
  "",
  "Lead with the answer.",
  "Give a concrete example.",
  "Use numbered steps.",
  "Give detailed, comprehensive answers.",
];

/** First replies to `query` over 30 seeds and four house styles, code blocks left out. */
function replies(query: string, tag: string): string[] {
  const out: string[] = [];
  for (const system of SYSTEMS)
    for (let seed = 0; seed < 30; seed++) {
      const messages = [
        ...(system === "" ? [] : [{ role: "system" as const, content: system }]),
        { role: "user" as const, content: query },
      ];
      const reply = offlineAssistantReply(
        { messages, model: "offline-v1" },
        createRng(5, `${tag}:${system}:${seed}`, "assistant"),
      );
      out.push(reply.replace(/```[\s\S]*?```/g, ""));
    }
  return out;
}

function saying(all: string[], pattern: RegExp): string[] {
  return all.flatMap((r) => {
    const m = pattern.exec(r);
    return m === null ? [] : [r.slice(Math.max(0, (m.index ?? 0) - 40), (m.index ?? 0) + 60)];
  });
}

test("a head cut before its 'of' keeps what it is of ('a power of attorney', not 'a power')", () => {
  const all = replies(
    "do you know what a power of attorney is, and how does a durable one differ from a general one?",
    "power",
  );
  assert.ok(saying(all, /\ba power of attorney\b/).length > 20, "the subject is seldom said");
  assert.deepEqual(saying(all, /\ba power\b(?! of attorney)/i), []);
});

test("a '1' typed for the pronoun 'one' is not a count ('a durable 1 differ' gives no '1 differ')", () => {
  const all = replies(
    "What is a power of attorney, and how does a durable 1 differ from a general 1?",
    "one",
  );
  assert.deepEqual(saying(all, /\b1 (?:differ|automatically)\b/), []);
  const high = replies("What does a P/E ratio tell you, and why isn't a high 1 automatically bad?", "high");
  assert.deepEqual(saying(high, /\b1 automatically\b/), []);
});

test("a topic that is what is left of a verb phrase is not said as a topic", () => {
  const sense = replies("i'd like to make sense of entropy without using equations.", "sense");
  assert.deepEqual(saying(sense, /(?<!\bmake )\bsense of entropy\b/i), []);
  const cheaper = replies("Is it less expensive to fly into Milan or Venice?", "cheaper");
  assert.deepEqual(saying(cheaper, /\bwhether less expensive\b/i), []);
  const garbled = replies(
    "what's the handle the distinction between let, const and var in JavaScript, with a brief sample?",
    "garbled",
  );
  assert.deepEqual(saying(garbled, /\bthe handle the distinction\b/i), []);
});

test("a constraint line does not say its own words twice ('when time is short on time')", () => {
  const all = [
    ...replies("How can I free up storage on my phone without deleting any photos?", "storage"),
    ...replies("What spices go into garam masala, and can I make my own?", "spices"),
  ];
  assert.ok(
    saying(all, /\bshort on time\b|\btime is short\b/).length > 0,
    "the constraint line never came up",
  );
  assert.deepEqual(saying(all, /\btime is short on time\b/i), []);
});
