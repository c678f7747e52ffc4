import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import {
  type OfflineChatMessage,
  offlineAssistantReply,
} from "../../../src/offline/assistant/assistant-reply.js";
import { createRng } from "../../../src/rng/random.js";
import { ROOT } from "../../helpers/paths.js";

// The offline assistant stands in for a model: two different requests get different answers, not one
// template with the topic swapped, and a conversation never says the same sentence twice.

interface Seed {
  query: string;
}

const SEEDS = readFileSync(join(ROOT, "data/seed_queries.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map((line) => (JSON.parse(line) as Seed).query);

function answer(messages: OfflineChatMessage[], seed: string): string {
  return offlineAssistantReply({ messages, model: "offline-v1" }, createRng(3, seed, "assistant"));
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? [];
}

function bigrams(text: string): Set<string> {
  const w = words(text.replace(/```[\s\S]*?```/g, " "));
  const out = new Set<string>();
  for (let i = 1; i < w.length; i++) out.add(`${w[i - 1]} ${w[i]}`);
  return out;
}

/** Sentences of four words or more, lower-cased, list markers and bold removed. */
function sentences(reply: string): string[] {
  const out: string[] = [];
  for (const raw of reply.replace(/```[\s\S]*?```/g, "\n").split("\n")) {
    const line = raw
      .replace(/^\s*(?:\d+[.)]|[-*•>])\s*/, "")
      .replace(/\*\*/g, "")
      .trim();
    if (line === "" || line.startsWith("|")) continue;
    for (const s of line.split(/(?<=[.!?:])\s+/)) if (words(s).length >= 4) out.push(s.toLowerCase());
  }
  return out;
}

test("replies to two different how-to requests share few bigrams", () => {
  const howtos = SEEDS.filter((q) => /^how (?:do|can|should) i\b/i.test(q)).slice(0, 40);
  assert.ok(howtos.length >= 20, `only ${howtos.length} how-to seeds`);
  const replies = howtos.map((q, i) => bigrams(answer([{ role: "user", content: q }], `h${i}`)));
  const shares: number[] = [];
  for (let i = 1; i < replies.length; i++) {
    const a = replies[i - 1] as Set<string>;
    const b = replies[i] as Set<string>;
    let shared = 0;
    for (const g of a) if (b.has(g)) shared++;
    shares.push(shared / Math.min(a.size, b.size));
  }
  shares.sort((x, y) => x - y);
  const median = shares[Math.floor(shares.length / 2)] as number;
  assert.ok(
    median <= 0.15,
    `median share of bigrams between neighbouring how-to replies ${median.toFixed(2)}`,
  );
});

test("no sentence is said twice within a conversation, over five turns", () => {
  const followUps = [
    "can you explain step 2 in more detail?",
    "ok, done that. what next?",
    "how would this apply to a student?",
    "could you give me an example?",
    "thanks! and what should I avoid?",
  ];
  const repeats: string[] = [];
  SEEDS.filter((_, i) => i % 9 === 0).forEach((query, i) => {
    const messages: OfflineChatMessage[] = [{ role: "user", content: query }];
    const said = new Map<string, number>();
    for (let turn = 0; turn <= followUps.length; turn++) {
      const reply = answer(messages, `c${i}`);
      for (const s of sentences(reply)) {
        if (said.has(s) && said.get(s) !== turn) repeats.push(`${s} (turns ${said.get(s)} and ${turn})`);
        said.set(s, turn);
      }
      messages.push({ role: "assistant", content: reply });
      const next = followUps[turn];
      if (next !== undefined) messages.push({ role: "user", content: next });
    }
  });
  assert.deepEqual(repeats, []);
});
