import assert from "node:assert/strict";
import { test } from "node:test";
import { applyEdits, type Edit } from "../../src/noise/edits.js";
import { RULE_STRATEGIES } from "../../src/noise/rule-registry.js";
import { updateTokens } from "../../src/noise/token-update.js";
import { createRng } from "../../src/rng/random.js";
import { graphemes } from "../../src/text/characters.js";
import { findProtectedSpans } from "../../src/text/protected-spans.js";
import { tokenize } from "../../src/text/tokenizer.js";
import { randomMixedText } from "./noise-helpers.js";

test("updating tokens around each rule's edits gives exactly the tokens of the new text", () => {
  const inputs = createRng(5, "token-update", "inputs");
  for (let i = 0; i < 300; i++) {
    const clean = randomMixedText(inputs);
    for (const rule of RULE_STRATEGIES) {
      const rng = createRng(5, `${i}`, rule.name);
      const result = rule.apply(clean, {
        rng,
        intensity: rng.next(),
        protectedSpans: findProtectedSpans(clean),
      });
      const before = tokenize(clean);
      const updated = updateTokens(clean, before, result.text, result.edits);
      assert.deepEqual(updated, tokenize(result.text), `${rule.name} on ${JSON.stringify(clean)}`);
      // The old tokens are left as they were: the semantic distractor shares them between its tries.
      assert.deepEqual(before, tokenize(clean), `${rule.name} moved an old token`);
    }
  }
});

test("updating tokens after arbitrary insertions and deletions at character boundaries", () => {
  const rng = createRng(6, "token-update", "random-edits");
  const pieces = ["", " ", "x", "don't", "😀", "é", "\u0301", "数", " 👍🏽 ", "\n", ".", "’s", "  "];
  for (let i = 0; i < 3000; i++) {
    const text = randomMixedText(rng);
    const units = graphemes(text);
    const edits: Edit[] = [];
    let current = text;
    let at = 0;
    let unit = 0;
    // Left-to-right edits over grapheme units, positioned as applyReplacements records them.
    while (unit < units.length && edits.length < 4) {
      const skip = rng.int(Math.max(1, units.length - unit));
      for (let k = 0; k < skip; k++) at += (units[unit++] as string).length;
      const remove = Math.min(rng.int(3), units.length - unit);
      let before = "";
      for (let k = 0; k < remove; k++) before += units[unit++] as string;
      const after = rng.pick(pieces);
      if (before === after) {
        at += before.length;
        continue;
      }
      const edit: Edit = { strategy: "test", position: at, before, after };
      current = current.slice(0, at) + after + current.slice(at + before.length);
      edits.push(edit);
      at += after.length;
    }
    assert.equal(applyEdits(text, edits), current);
    assert.deepEqual(
      updateTokens(text, tokenize(text), current, edits),
      tokenize(current),
      JSON.stringify({ text, edits }),
    );
  }
});
