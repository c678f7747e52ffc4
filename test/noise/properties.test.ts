import assert from "node:assert/strict";
import { test } from "node:test";
import { applyEdit, replayToClean, shiftSpans } from "../../src/noise/edits.js";
import { applyRuleNoise, type RuleSpec } from "../../src/noise/rule-noise.js";
import { RULE_NAMES } from "../../src/noise/rule-registry.js";
import { createRng } from "../../src/rng/random.js";
import { findProtectedSpans } from "../../src/text/protected-spans.js";
import { LONE_SURROGATE, randomMixedText as randomText } from "./noise-helpers.js";

const CHAR_RULES = new Set([
  "keyboard_typo",
  "misspelling",
  "char_swap",
  "char_drop",
  "char_double",
  "word_segmentation",
]);
const NON_LATIN_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Arabic}\p{Script=Hebrew}]/u;

function graphemeBoundaries(text: string): Set<number> {
  const out = new Set<number>([text.length]);
  for (const seg of new Intl.Segmenter("en", { granularity: "grapheme" }).segment(text)) out.add(seg.index);
  return out;
}

test("2,000 mixed inputs: no broken characters, protected spans intact, replay exact", () => {
  const inputs = createRng(2024, "noise-properties", "inputs");
  let edits = 0;
  for (let i = 0; i < 2000; i++) {
    const clean = randomText(inputs);
    const rng = createRng(2024, `input-${i}`, "noise");
    const strategies: RuleSpec[] = RULE_NAMES.map((name) => ({
      name,
      probability: 0.5,
      intensity: rng.next(),
    }));
    const result = applyRuleNoise(clean, { strategies, rng });
    const noisy = result.noisy_text;

    assert.doesNotMatch(noisy, LONE_SURROGATE, JSON.stringify(noisy));
    assert.equal(replayToClean(noisy, result.edits), clean);

    // Protected spans: byte-identical, at the places the edits moved them to, and in order.
    const spans = findProtectedSpans(clean);
    const moved = shiftSpans(spans, result.edits);
    let from = 0;
    spans.forEach((span, k) => {
      const value = clean.slice(span.start, span.end);
      const at = moved[k] as { start: number; end: number };
      assert.equal(
        noisy.slice(at.start, at.end),
        value,
        `${span.kind} ${JSON.stringify(value)} in ${JSON.stringify(noisy)}`,
      );
      const found = noisy.indexOf(value, from);
      assert.ok(found >= 0, `${JSON.stringify(value)} missing from ${JSON.stringify(noisy)}`);
      from = found + value.length;
    });

    // Every edit cuts the text only at grapheme boundaries, and character-level rules touch only
    // Latin words (never CJK, Arabic or Hebrew).
    let text = clean;
    for (const edit of result.edits) {
      const boundaries = graphemeBoundaries(text);
      assert.ok(boundaries.has(edit.position), `${edit.strategy} starts inside a character`);
      assert.ok(
        boundaries.has(edit.position + edit.before.length),
        `${edit.strategy} ends inside a character`,
      );
      assert.doesNotMatch(edit.after, LONE_SURROGATE);
      if (CHAR_RULES.has(edit.strategy)) {
        assert.doesNotMatch(edit.before, NON_LATIN_SCRIPT, `${edit.strategy} touched ${edit.before}`);
      }
      text = applyEdit(text, edit);
      edits++;
    }
    assert.equal(text, noisy);
  }
  assert.ok(edits > 5000, `${edits} edits checked`);
});

test("every rule alone keeps protected spans and replays exactly on mixed inputs", () => {
  const inputs = createRng(7, "noise-properties", "per-rule");
  for (const name of RULE_NAMES) {
    let changed = 0;
    for (let i = 0; i < 100; i++) {
      const clean = randomText(inputs);
      const result = applyRuleNoise(clean, {
        strategies: [{ name, intensity: 0.7 }],
        rng: createRng(7, `${name}-${i}`, "noise"),
      });
      assert.doesNotMatch(result.noisy_text, LONE_SURROGATE);
      assert.equal(replayToClean(result.noisy_text, result.edits), clean);
      const spans = findProtectedSpans(clean);
      shiftSpans(spans, result.edits).forEach((at, k) => {
        const span = spans[k] as { start: number; end: number };
        assert.equal(result.noisy_text.slice(at.start, at.end), clean.slice(span.start, span.end));
      });
      if (result.noisy_text !== clean) changed++;
    }
    assert.ok(changed > 5, `${name} changed only ${changed}/100 mixed inputs`);
  }
});
