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
