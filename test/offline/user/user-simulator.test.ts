import assert from "node:assert/strict";
import { test } from "node:test";
import { offlineUserTurn } from "../../../src/offline/user/user-simulator.js";
import { createRng } from "../../../src/rng/random.js";
import {
  type Conversation,
  PERSONAS,
  runConversation,
  seedQueries,
  styleOf,
} from "../conversation-fixtures.js";

const QUERIES = seedQueries();
const CONVERSATIONS_PER_PERSONA = 200;

/** 200 seeded conversations per persona, each with a target of 2 to 4 turns. */
function simulate(): Map<string, Conversation[]> {
  const out = new Map<string, Conversation[]>();
  for (const [name, features] of Object.entries(PERSONAS)) {
    const list: Conversation[] = [];
    for (let i = 0; i < CONVERSATIONS_PER_PERSONA; i++) {
      const target = 2 + createRng(3, `${name}:${i}`, "target").int(3);
      list.push(
        runConversation(
          features,
          QUERIES[(i * 7 + name.length) % QUERIES.length] as string,
          `${name}:${i}`,
          target,
        ),
      );
    }
    out.set(name, list);
  }
  return out;
}

const RUNS = simulate();

function turnsOf(name: string) {
  return (RUNS.get(name) ?? []).flatMap((c) => c.turns);
}

function feedbackOf(name: string): string[] {
  return (RUNS.get(name) ?? []).flatMap((c) =>
    c.turns.filter((t) => !t.satisfied && !t.gaveUp && t.feedback !== null).map((t) => t.feedback as string),
  );
}

test("users explore before the target and wrap up at it", (t) => {
  const rows: string[] = [];
  for (const name of Object.keys(PERSONAS)) {
    const turns = turnsOf(name);
    const before = turns.filter((x) => x.turn < x.target);
    const at = turns.filter((x) => x.turn >= x.target);
    const earlyRate = before.filter((x) => x.satisfied).length / Math.max(1, before.length);
    const atRate = at.filter((x) => x.satisfied).length / Math.max(1, at.length);
    rows.push(
      `${name.padEnd(24)} satisfied before target ${earlyRate.toFixed(3)}  at/after target ${atRate.toFixed(3)}`,
    );
    if (name !== "one_shot_tester")
      assert.ok(earlyRate < 0.2, `${name}: satisfied early in ${earlyRate} of turns`);
    if (at.length > 0)
      assert.ok(atRate >= 0.8, `${name}: satisfied at the target in only ${atRate} of turns`);
  }
  t.diagnostic(`\n${rows.join("\n")}`);
});

test("one-shot users are satisfied early", () => {
  const firstTurns = (RUNS.get("one_shot_tester") ?? []).map((c) => c.turns[0]);
  const satisfied = firstTurns.filter((x) => x?.satisfied === true).length;
  assert.ok(
    satisfied / firstTurns.length > 0.5,
    `${satisfied}/${firstTurns.length} satisfied after one reply`,
  );
  const researcherFirst = (RUNS.get("iterative_researcher") ?? []).filter(
    (c) => c.turns[0]?.satisfied === true,
  ).length;
  assert.ok(researcherFirst < satisfied / 4);
});

test("personas write in measurably different styles", (t) => {
  const stats = Object.fromEntries(Object.keys(PERSONAS).map((name) => [name, styleOf(feedbackOf(name))]));
  const header = `${"persona".padEnd(24)} ${"msgs".padStart(5)} ${"polite".padStart(7)} ${"emoji".padStart(6)} ${"avgLen".padStart(7)} ${"lower".padStart(6)}`;
  const lines = Object.entries(stats).map(
    ([name, s]) =>
      `${name.padEnd(24)} ${String(s.messages).padStart(5)} ${s.politeRate.toFixed(2).padStart(7)} ${s.emojiRate.toFixed(2).padStart(6)} ${s.avgLength.toFixed(1).padStart(7)} ${s.lowercaseStartRate.toFixed(2).padStart(6)}`,
  );
  t.diagnostic(`\n${header}\n${lines.join("\n")}`);
  const blunt = stats.blunt_expert_in_a_rush!;
  const retiree = stats.polite_novice_retiree!;
  const teen = stats.casual_teen_with_emoji!;
  const lawyer = stats.formal_lawyer!;
  assert.ok(retiree.politeRate > 0.6 && blunt.politeRate < 0.15, "politeness follows the persona");
  assert.ok(lawyer.politeRate > 0.6);
  assert.ok(teen.emojiRate > 0.4, `teen emoji rate ${teen.emojiRate}`);
  for (const s of [blunt, retiree, lawyer]) assert.equal(s.emojiRate, 0);
  // Far shorter, though no longer by half: a long-winded user no longer adds a sentence about who they are.
  assert.ok(blunt.avgLength < retiree.avgLength * 0.6, "the blunt expert writes far shorter messages");
  assert.ok(teen.lowercaseStartRate > 0.5 && lawyer.lowercaseStartRate === 0, "casing follows formality");
  for (const m of feedbackOf("formal_lawyer")) {
    assert.doesNotMatch(
      m,
      /\b(?:u|ur|pls|thx|btw|tbh|rn|lol|gonna|wanna)\b|\b(?:I'm|don't|can't|it's|that's|what's)\b/,
      m,
    );
  }
});

test("impatient users sometimes give up; patient ones never do", (t) => {
  const count = (name: string) => turnsOf(name).filter((x) => x.gaveUp).length;
  const blunt = count("blunt_expert_in_a_rush");
  t.diagnostic(
    `gave up: ${Object.keys(PERSONAS)
      .map((n) => `${n}=${count(n)}`)
      .join(" ")}`,
  );
  assert.ok(blunt > 0, "the impatient persona never gave up");
  assert.ok(blunt < CONVERSATIONS_PER_PERSONA / 2, `the impatient persona gave up ${blunt} times`);
  assert.equal(count("polite_novice_retiree"), 0);
  assert.equal(count("iterative_researcher"), 0);
  for (const x of turnsOf("blunt_expert_in_a_rush").filter((y) => y.gaveUp)) {
    assert.equal(x.satisfied, false);
    assert.ok(typeof x.feedback === "string" && x.feedback.length < 80, String(x.feedback));
  }
});

test("feedback never repeats the original query, and varies", () => {
  for (const [name, conversations] of RUNS) {
    const distinct = new Set<string>();
    for (const c of conversations) {
      for (const x of c.turns) {
        if (x.feedback === null) continue;
        assert.notEqual(x.feedback.trim(), c.query.trim(), name);
        assert.ok(!x.feedback.includes(c.query), `${name} repeated the query`);
        assert.ok(x.feedback.trim().length > 0);
        if (!x.satisfied) distinct.add(x.feedback);
      }
    }
    assert.ok(distinct.size >= 20, `${name}: only ${distinct.size} distinct follow-ups`);
  }
});

test("follow-ups point at something in the reply", () => {
  const all = Object.keys(PERSONAS).flatMap(feedbackOf);
  const pointing = all.filter(
    (m) => /\b(?:step|point) \d\b|"[^"]+"|\b[A-Z][a-z]+ \d/.test(m) || m.length > 30,
  );
  assert.ok(pointing.length / all.length > 0.5, `${pointing.length}/${all.length}`);
  const steps = all.filter((m) => /\b(?:step|point) \d\b/.test(m)).length;
  assert.ok(steps > 50, `only ${steps} follow-ups name a step or point`);
});

test("a novice asks what a term in the reply means", () => {
  const features = PERSONAS.polite_novice_retiree!;
  const reply =
    "Here's how to fix it:\n\n1. Check the stack trace first.\n2. Make the handler idempotent so retries are safe.\n3. Add a regression test.";
  let asked = 0;
  for (let i = 0; i < 100; i++) {
    const out = offlineUserTurn(
      {
        features,
        history: [{ role: "user", content: "My script crashes sometimes." }],
        lastReply: reply,
        currentTurn: 1,
        targetTurns: 4,
      },
      createRng(5, String(i), "user"),
    );
    if (out.feedback !== null && /stack trace|idempotent|regression test/i.test(out.feedback)) asked++;
  }
  assert.ok(asked > 30, `asked about a term ${asked}/100 times`);
});

test("the user turn is deterministic for a seed", () => {
  const input = {
    features: PERSONAS.casual_teen_with_emoji!,
    history: [{ role: "user" as const, content: "how do i get better at chess" }],
    lastReply: "1. Learn the openings.\n2. Do tactics puzzles daily.\n3. Review your games.",
    currentTurn: 1,
    targetTurns: 3,
  };
  assert.deepEqual(
    offlineUserTurn(input, createRng(1, "x", "u")),
    offlineUserTurn(input, createRng(1, "x", "u")),
  );
  const outputs = new Set(
    Array.from({ length: 20 }, (_, i) =>
      JSON.stringify(offlineUserTurn(input, createRng(1, String(i), "u"))),
    ),
  );
  assert.ok(outputs.size > 5);
});

test("a follow-up that names the request fits its article to it ('a rundown', never 'an rundown')", () => {
  const misfits: string[] = [];
  for (const [name, features] of Object.entries(PERSONAS))
    for (let i = 0; i < 30; i++) {
      const query = "Could you please give an rundown of modular arithmetic using a clock as an example?";
      for (const t of runConversation(features, query, `${name}:an:${i}`, 4).turns)
        if (t.feedback !== null && /\ban rundown\b/i.test(t.feedback)) misfits.push(t.feedback);
    }
  assert.deepEqual(misfits, []);
});
