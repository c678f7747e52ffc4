import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type OfflineChatMessage,
  offlineAssistantReply,
} from "../../../src/offline/assistant/assistant-reply.js";
import { offlineUserTurn } from "../../../src/offline/user/user-simulator.js";
import { createRng } from "../../../src/rng/random.js";
import { PERSONAS, seedQueries } from "../conversation-fixtures.js";

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

// A phrase cannot end on these (it would go on): articles, prepositions, conjunctions, relatives,
// modal and "be" auxiliaries, "than", "more".
const OPEN_END =
  /(?:^|\s)(?:a|an|the|your|my|to|of|in|on|at|for|with|from|by|about|into|against|than|and|or|but|that|who|which|whose|whether|if|when|while|unless|until|before|after|be|been|could|would|should|can|will|more)$/i;
const CLAUSE_JUST_OPENED = /\b(?:what|how|where|which|who|whether|if|when|that) \S+$/i;

test("a point quoted back, by the user or the assistant, is a whole phrase, not one cut open", () => {
  const cut: string[] = [];
  let quoted = 0;
  QUERIES.slice(0, 120).forEach((query, i) => {
    const rng = createRng(7, `quote:${i}`, "conversation");
    const chat: OfflineChatMessage[] = [{ role: "user", content: query }];
    const history: Array<{ role: "user" | "assistant"; content: string }> = [
      { role: "user", content: query },
    ];
    const features = Object.values(PERSONAS)[i % Object.keys(PERSONAS).length] ?? {};
    for (let turn = 1; turn <= 5; turn++) {
      const reply = offlineAssistantReply({ messages: chat, model: "offline-v1" }, rng);
      chat.push({ role: "assistant", content: reply });
      history.push({ role: "assistant", content: reply });
      const out = offlineUserTurn(
        { features, history, lastReply: reply, currentTurn: turn, targetTurns: 6 },
        rng,
      );
      if (out.feedback === null) break;
      for (const text of [reply, out.feedback])
        for (const m of text.matchAll(/"([^"\n]{1,80})"/g)) {
          const q = (m[1] as string).replace(/[.,;:!?]+$/, "");
          if (query.includes(q)) continue;
          quoted++;
          const stranded = /\b(?:what|where|which|who)\b.* \w+$/i.test(q);
          if (
            (OPEN_END.test(q) && !stranded && !/to (?:begin|start) with$/i.test(q)) ||
            CLAUSE_JUST_OPENED.test(q)
          )
            cut.push(q);
        }
      chat.push({ role: "user", content: out.feedback });
      history.push({ role: "user", content: out.feedback });
    }
  });
  assert.ok(quoted > 100, `only ${quoted} quotes`);
  assert.deepEqual(cut, []);
});

test('"what do you mean re X?" asks about X, never about "you"', () => {
  const first = ask([{ role: "user", content: "Plan a weekend trip to Austin for two." }], "re");
  const reply = ask(
    [
      { role: "user", content: "Plan a weekend trip to Austin for two." },
      { role: "assistant", content: first },
      { role: "user", content: "step 1: what do you mean re Austin? asap" },
    ],
    "re",
  );
  assert.doesNotMatch(reply, /"you" means/i);
  assert.match(reply, /Austin/);
});

test("a count word never stands before a mass noun ('a couple of slack', 'a bit margin')", () => {
  const wrong: string[] = [];
  for (const system of ["", "Be detailed.", "Be formal and concise."])
    for (const reply of firstReplies(system))
      for (const m of reply.matchAll(
        /\b(?:a few|a couple of|several|a bit) (?:slack|margin|rework|buffer)\b/gi,
      ))
        wrong.push(m[0]);
  assert.deepEqual(wrong, []);
});

test("a plural number phrase in a slot is never the subject of a singular verb", () => {
  const wrong: string[] = [];
  for (let seed = 0; seed < 60; seed++) {
    const reply = ask(
      [
        {
          role: "user",
          content: "Help me teach 20 essential Portuguese phrases to my class before the trip.",
        },
      ],
      `plural:${seed}`,
    );
    for (const m of reply.matchAll(/phrases (?:is|matters|tips|goes|shapes|narrows|changes)\b/g))
      wrong.push(m[0]);
  }
  assert.deepEqual(wrong, []);
});

test("an idiom holding a word of a variant group is said as written ('how often', not 'how usually')", () => {
  const broken: string[] = [];
  for (const system of ["", "Be detailed.", "Be formal and concise."])
    for (const reply of firstReplies(system))
      for (const m of reply.matchAll(/\b(?:how|too|more) (?:usually|typically|generally)\b/gi))
        broken.push(m[0]);
  assert.deepEqual(broken, []);
});

test("the person a follow-up names is said without the sentence's closing adverb ('… in logistics too')", () => {
  const query = "Give me tips for negotiating a raise.";
  const first = ask([{ role: "user", content: query }], "who");
  const reply = ask(
    [
      { role: "user", content: query },
      { role: "assistant", content: first },
      { role: "user", content: "How would this change? I'm a designer in logistics too." },
    ],
    "who",
  );
  assert.match(reply, /designer in logistics/);
  assert.doesNotMatch(reply, /logistics too/);
});

test("an opening line never says back a request fragment as its topic", () => {
  const requests = [
    "Need 150-word bio for freelance wedding photographer based in Bristol please",
    "Best way to set up Minecraft server for 6 friends please",
    "do you think chicken breast is safe to eat if it's still slightly pink?",
    "The goal is a 10k run in spring. what training plan would work please",
  ];
  const fragments: string[] = [];
  requests.forEach((request, i) => {
    for (let seed = 0; seed < 30; seed++) {
      const opening =
        ask([{ role: "user", content: request }], `opening:${i}:${seed}`).split("\n", 1)[0] ?? "";
      if (
        /\b(?:for|on|approach|of|to|about|with) (?:Need|Best|The)\b|\bplease[.:]?$|\bwhether you think\b/.test(
          opening,
        )
      )
        fragments.push(opening);
    }
  });
  assert.deepEqual(fragments, []);
});
