import assert from "node:assert/strict";
import { type Edit, replayToClean } from "../../src/noise/edits.js";
import type { RuleContext, RuleStrategy } from "../../src/noise/rules/rule.js";
import { createRng, type Rng } from "../../src/rng/random.js";
import { findProtectedSpans } from "../../src/text/protected-spans.js";

/** Matches a UTF-16 surrogate that is not part of a pair. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface RuleRun {
  clean: string;
  noisy: string;
  edits: Edit[];
}

/**
 * Runs one rule on a text with a seeded stream and checks that it changed the text (unless `changes`
 * is false, then that it did not) and that its edits rebuild the clean text.
 */
export function runRule(
  rule: RuleStrategy,
  clean: string,
  options: {
    seed?: number;
    intensity?: number;
    params?: Record<string, unknown>;
    persona?: Record<string, string>;
    changes?: boolean;
  } = {},
): RuleRun {
  const ctx: RuleContext = {
    rng: createRng(options.seed ?? 7, clean, rule.name),
    intensity: options.intensity ?? 0.5,
    protectedSpans: findProtectedSpans(clean),
  };
  if (options.params !== undefined) ctx.params = options.params;
  if (options.persona !== undefined) ctx.persona = options.persona;
  const { text, edits } = rule.apply(clean, ctx);
  assert.equal(replayToClean(text, edits), clean, `${rule.name}: replay must give the clean text back`);
  for (const edit of edits) assert.equal(edit.strategy, rule.name);
  assert.doesNotMatch(text, LONE_SURROGATE);
  if (options.changes === false) {
    assert.equal(text, clean, `${rule.name} should leave the text as it is`);
    assert.equal(edits.length, 0);
  } else {
    assert.notEqual(text, clean, `${rule.name} should change ${JSON.stringify(clean)}`);
    assert.ok(edits.length > 0);
  }
  return { clean, noisy: text, edits };
}

/** The words of a text, split on whitespace. */
export function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w.length > 0);
}

/** Prompt pieces mixing plain English with emoji, CJK, accents, RTL scripts and protected spans. */
export const FRAGMENTS = [
  "Can you help me",
  "please check this",
  "I don't know why",
  "the meeting tomorrow",
  "definitely",
  "because it failed",
  "with the marketing team",
  "Hello,",
  "Thanks!",
  "what do you think?",
  "I am not sure it is right",
  "would like to purchase",
  "👩‍💻",
  "👍🏽",
  "🇫🇷",
  "😀",
  "❤️",
  "数据分析",
  "你好世界",
  "東京タワー",
  "café",
  "naïve",
  "nai\u0308ve",
  "résumé",
  "Zoë",
  "مرحبا",
  "שלום",
  "كتاب جديد",
  "https://example.com/path?q=1",
  "www.test.org",
  "anna.smith@example.com",
  "3.14",
  "1,000",
  "$20",
  "10%",
  "2024-01-15",
  "3:30pm",
  "v2.1.0",
  "`npm install`",
  "```js\nconst a = 1;\n```",
  '"quoted text"',
  "“smart quotes”",
  "'single one'",
  "src/index.ts",
  "/usr/local/bin",
  "@alice",
  "#release",
];
const SEPARATORS = [" ", " ", " ", ", ", ". ", "? ", "\n", " - "];

/** A random text of 3–16 fragments joined by spaces, punctuation or newlines. */
export function randomMixedText(rng: Rng): string {
  const n = rng.intBetween(3, 16);
  let text = "";
  for (let i = 0; i < n; i++) {
    if (i > 0) text += rng.pick(SEPARATORS);
    text += rng.pick(FRAGMENTS);
  }
  return text;
}
