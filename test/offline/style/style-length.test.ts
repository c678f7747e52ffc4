import assert from "node:assert/strict";
import { test } from "node:test";
import { requestSubject } from "../../../src/offline/request-subject.js";
import { countWords } from "../../../src/offline/style/style-length.js";
import { ASKS, SCENARIO_SENTENCES } from "../../../src/offline/style/style-phrases.js";
import { BACKGROUND, FRAMES } from "../../../src/offline/style/style-rewrites.js";
import { stylizeQuery } from "../../../src/offline/style/stylize.js";
import { createRng } from "../../../src/rng/random.js";
import { maskSpans, REWRITE_SPANS } from "../../../src/text/protected-spans.js";
import { wordCount } from "../../../src/text/tokenizer.js";
import { PERSONAS, seedQueries } from "../fixtures.js";

// The quality bench's word count (bench/quality/_offline-text-measures.ts), written out here.
const readerWords = (text: string) => text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)?.length ?? 0;

test("a masked rewrite's words are counted as a reader counts the unmasked text, parts touching words included", () => {
  const texts = [
    ...seedQueries().map((q) => q.query),
    'Convert "5 km" to miles: 5km, 10 km and v2.3.1 in `x = 1`.',
    "It's 3pm; the file ./a_b.txt ends in ’s and 12’s.",
  ];
  for (const text of texts) {
    const { masked, parts } = maskSpans(text, REWRITE_SPANS);
    const partWords = new Map<number, number>();
    // Twice with the same cache: the second count reads the parts' words from it.
    for (let i = 0; i < 2; i++)
      assert.equal(countWords(masked, { parts, partWords }), readerWords(text), text);
    assert.equal(wordCount(text), readerWords(text), text);
  }
});

test("a very short rewrite keeps the ask when the sentence beside it holds a detail it must keep", () => {
  // "Windows 11" keeps the first sentence; the ask ("How do I fix it?") has no long word of the
  // request, and used to be dropped as if the rewrite had added it.
  const query =
    "My printer shows as offline in Windows 11 even though it's connected to Wi-Fi. How do I fix it?";
  for (const [name, features] of Object.entries(PERSONAS))
    for (const promptType of ["full", "partial"] as const) {
      const out = stylizeQuery(
        { query, features, promptType, targetLength: "very_short" },
        createRng(3, name, promptType),
      ).adapted_query;
      assert.match(out, /\?/, `${name} ${promptType}: ${out}`);
      assert.match(out, /Windows 11/, out);
    }
});

test("a frame is skipped only when the sentence starts with none of its leads, so skipping loses no match", () => {
  let matched = 0;
  for (const q of seedQueries())
    for (const sentence of q.query.split(/(?<=[.?!])\s+/)) {
      const body = sentence.replace(/[.!?]+$/, "");
      for (const frame of FRAMES) {
        if (frame.pattern.exec(body) === null) continue;
        matched++;
        if (frame.leads !== undefined)
          assert.ok(
            frame.leads.some((lead) => body.toLowerCase().startsWith(lead)),
            `${frame.pattern} matched ${JSON.stringify(body)}`,
          );
      }
    }
  assert.ok(matched > 100, `only ${matched} matches`);
  assert.ok(FRAMES.filter((f) => f.leads !== undefined).length > 30);
});

test("no sentence the style transfer adds becomes what the conversation is about", () => {
  // The user simulator names the subject of the first message in its follow-ups ("the {subject}
  // stuff"): a background sentence's phrase there reads "skip the the right track stuff".
  const added = [
    ...Object.values(BACKGROUND).flat(),
    ...Object.values(SCENARIO_SENTENCES).flat(),
    ...Object.values(ASKS).flat(),
  ];
  assert.ok(added.length > 50);
  for (const line of added)
    assert.equal(requestSubject(`Can you help me with this? ${line}`), undefined, line);
});

test("a very short rewrite adds no word of emphasis to a question no frame fits", () => {
  const query = "What should go into a basic first aid kit for hiking?";
  for (const [name, features] of Object.entries(PERSONAS))
    for (let seed = 0; seed < 4; seed++) {
      const out = stylizeQuery(
        { query, features, targetLength: "very_short" },
        createRng(seed, name, "emphasis"),
      ).adapted_query;
      assert.doesNotMatch(out, /\b(?:exactly|precisely|actually|really|genuinely|truly)\b/i, out);
    }
});
