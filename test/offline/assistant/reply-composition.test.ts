import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type OfflineChatMessage,
  offlineAssistantReply,
} from "../../../src/offline/assistant/assistant-reply.js";
import { createRng } from "../../../src/rng/random.js";
import { seedQueries } from "../conversation-fixtures.js";

// How a reply is put together: no line says nothing, no sentence is said twice, and what a slot
// takes from the user's request reads as the thing the user named.

const QUERIES = seedQueries();

function ask(messages: OfflineChatMessage[], seed: string): string {
  return offlineAssistantReply({ messages, model: "offline-v1" }, createRng(11, seed, "assistant"));
}

function firstReplies(system: string): string[] {
  return QUERIES.map((query, i) =>
    ask(
      [
        { role: "system", content: system },
        { role: "user", content: query },
      ],
      `${system}:${i}`,
    ),
  );
}

const HEADLINE = /\*\*(?:TL;DR|In short|Short answer|Bottom line):\*\* ([^\n]+)/;

test("an answer-first headline is not said again in the list or table below it", () => {
  let headlined = 0;
  const repeated: string[] = [];
  for (const system of [
    "Lead with the answer, then the details.",
    "Lead with the answer. Present the points as a table.",
  ]) {
    for (const reply of firstReplies(system)) {
      const m = HEADLINE.exec(reply);
      if (m === null) continue;
      headlined++;
      const said = (m[1] as string).replace(/[.!?]+$/, "").toLowerCase();
      const rest = reply.slice((m.index ?? 0) + m[0].length).toLowerCase();
      if (rest.includes(said)) repeated.push(reply.slice(0, 300));
    }
  }
  assert.ok(headlined > 300, `only ${headlined} headlines`);
  assert.deepEqual(repeated, []);
});

const EMPTY_ITEM = /^\s*(?:\d+[.)]|[-*])(?: \[ \])?\s*(?:\*\*[^*]*\*\*)?[\s\p{P}]*$/mu;

test("no list item, headline or table cell is left without a word", () => {
  const empty: string[] = [];
  for (const system of [
    "",
    "Lead with the answer.",
    "Use numbered steps.",
    "Present the points as a table.",
  ]) {
    for (const reply of firstReplies(system)) {
      const cells = reply
        .split("\n")
        .filter((l) => l.startsWith("|") && !l.startsWith("| ---"))
        .flatMap((l) => l.split("|").slice(2, -1));
      if (
        EMPTY_ITEM.test(reply) ||
        /\*\*[^*\n]+:\*\* *[.;,]$/m.test(reply) ||
        cells.some((c) => !/\w/.test(c))
      )
        empty.push(reply.slice(0, 300));
    }
  }
  assert.deepEqual(empty, []);
});

test("a number from the request is said with the thing it counts, never cut from its noun", () => {
  const cases: Array<[string, string, string]> = [
    ["Give me a 20-minute stretching routine for tight hips.", "20-minute", "20-minute stretching routine"],
    ["Help me teach 20 essential Portuguese phrases to my class.", "20", "20 essential Portuguese phrases"],
    ["How do I plan a party for my 10-year-old daughter and her friends?", "10", "10-year-old daughter"],
    ["Suggest 10 first-date ideas in the city that don't involve drinking.", "10", "10 first-date ideas"],
    ["Explain how the universe can be 13.8 billion years old in simple terms.", "13.8", "13.8 billion years"],
  ];
  const cut: string[] = [];
  let said = 0;
  for (const [query, number, phrase] of cases) {
    for (let seed = 0; seed < 40; seed++) {
      const reply = ask([{ role: "user", content: query }], `number:${seed}`);
      for (const m of reply.matchAll(new RegExp(`(?<![\\w.])${number.replace(".", "\\.")}\\b`, "g"))) {
        said++;
        if (!reply.startsWith(phrase, m.index)) cut.push(reply.slice(m.index, (m.index ?? 0) + 40));
      }
    }
  }
  assert.ok(said > 40, `the numbers were said only ${said} times`);
  assert.deepEqual(cut, []);
});

test("a bare count that names nothing is not put in a slot ('Build around 0,')", () => {
  const bare: string[] = [];
  for (let seed = 0; seed < 60; seed++) {
    const reply = ask(
      [{ role: "user", content: "My script exits with 0 but the file is empty. How do I fix it?" }],
      `bare:${seed}`,
    );
    if (/\b0\b(?! but)/.test(reply.replace(/```[\s\S]*?```/g, ""))) bare.push(reply.slice(0, 200));
  }
  assert.deepEqual(bare, []);
});
