import assert from "node:assert/strict";
import { test } from "node:test";
import type { Edit } from "../../src/noise/edits.js";
import { applyRuleNoise } from "../../src/noise/rule-noise.js";
import { RULE_NAMES } from "../../src/noise/rule-registry.js";
import { cleanText, diffFromEdits, promptDiff, visibleText, wordDiff } from "../../src/report/text-diff.js";
import { createRng } from "../../src/rng/random.js";

test("a diff from edit records shows what each edit removed and inserted, in place", () => {
  const clean = "Can you help me write an email?";
  const edits: Edit[] = [
    { strategy: "abbreviation", position: 4, before: "you", after: "u" },
    { strategy: "punctuation", position: 28, before: "?", after: "" },
  ];
  assert.deepEqual(diffFromEdits(clean, edits), [
    { kind: "same", text: "Can " },
    { kind: "del", text: "you" },
    { kind: "ins", text: "u" },
    { kind: "same", text: " help me write an email" },
    { kind: "del", text: "?" },
  ]);
});

test("an edit of text an earlier edit inserted changes the insertion; the clean text never shows it", () => {
  const clean = "help me";
  const edits: Edit[] = [
    { strategy: "filler", position: 0, before: "", after: "um, " },
    { strategy: "keyboard_typo", position: 1, before: "m", after: "n" },
    { strategy: "casing", position: 4, before: "help", after: "HELP" },
  ];
  const parts = diffFromEdits(clean, edits);
  assert.deepEqual(parts, [
    { kind: "del", text: "help" },
    { kind: "ins", text: "un, HELP" },
    { kind: "same", text: " me" },
  ]);
  assert.equal(cleanText(parts), clean);
  assert.equal(visibleText(parts), "un, HELP me");
});

test("the recorded edits of the offline distractor (insertion at the end, then earlier deletions) diff exactly", () => {
  const clean = "My daughter is left out at school. What can I do as a parent please?";
  const noisy =
    "my daughter is left out at school What can I do as a parent please nothing too technical please";
  const edits: Edit[] = [
    { strategy: "negative_expression", position: 69, before: "", after: " nothing too technical please" },
    { strategy: "casing", position: 0, before: "My", after: "my" },
    { strategy: "punctuation", position: 33, before: ".", after: "" },
    { strategy: "punctuation", position: 66, before: "?", after: "" },
  ];
  const { parts, from } = promptDiff(clean, noisy, edits);
  assert.equal(from, "edits");
  assert.equal(cleanText(parts), clean);
  assert.equal(visibleText(parts), noisy);
  assert.deepEqual(
    parts.filter((p) => p.kind !== "same").map((p) => `${p.kind}:${p.text}`),
    ["del:My", "ins:my", "del:.", "del:?", "ins: nothing too technical please"],
  );
});

test("property: for every rule and 40 seeds, the diff from the rule's edits has the clean and the noisy text as its sides", () => {
  const text =
    "Hello, could you please help me write a short email to my manager about the 3 reports due on Friday? Thanks!";
  let diffs = 0;
  for (const name of RULE_NAMES) {
    for (let seed = 1; seed <= 40; seed++) {
      const result = applyRuleNoise(text, {
        strategies: [{ name, intensity: 1, probability: 1 }],
        rng: createRng(seed, "report-diff", name),
      });
      const { parts, from } = promptDiff(text, result.noisy_text, result.edits);
      assert.equal(cleanText(parts), text, `${name} seed ${seed}`);
      assert.equal(visibleText(parts), result.noisy_text, `${name} seed ${seed}`);
      if (result.edits.length > 0) {
        assert.equal(from, "edits", `${name} seed ${seed}`);
        diffs++;
      }
    }
  }
  assert.ok(diffs > RULE_NAMES.length * 20, `only ${diffs} noisy texts: the property tested little`);
});

test("edits that do not rebuild the sent text fall back to a word diff", () => {
  const wrong: Edit[] = [{ strategy: "x", position: 50, before: "zz", after: "y" }];
  const { parts, from } = promptDiff("please help me now", "pls help me", wrong);
  assert.equal(from, "words");
  assert.equal(cleanText(parts), "please help me now");
  assert.equal(visibleText(parts), "pls help me");
});

test("a word diff marks the words that changed and keeps the rest", () => {
  const parts = wordDiff("Could you list the three main causes, briefly?", "can you list some causes");
  assert.equal(cleanText(parts), "Could you list the three main causes, briefly?");
  assert.equal(visibleText(parts), "can you list some causes");
  assert.deepEqual(
    parts.filter((p) => p.kind === "same").map((p) => p.text),
    [" you list ", " causes"],
  );
});

test("a word diff of long rewritten texts stays bounded: the changed middle is replaced whole", () => {
  const a = Array.from({ length: 800 }, (_, i) => `a${i}`).join(" ");
  const b = Array.from({ length: 800 }, (_, i) => `b${i}`).join(" ");
  const parts = wordDiff(`start ${a} end`, `start ${b} end`);
  assert.deepEqual(
    parts.map((p) => p.kind),
    ["same", "del", "ins", "same"],
  );
  assert.equal(visibleText(parts), `start ${b} end`);
});
