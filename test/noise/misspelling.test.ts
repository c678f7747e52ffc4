import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { invertMisspellings, misspellingIndex } from "../../src/noise/misspellings.js";
import { misspelling } from "../../src/noise/rules/misspelling.js";
import { runRule } from "./noise-helpers.js";

/** `wrong->right` pairs read straight from the package, independently of the library's index. */
function dictionaryPairs(): Set<string> {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve("@cspell/dict-en-common-misspellings/cspell-ext.json"));
  const file = JSON.parse(readFileSync(join(root, "dict/dict-en.json"), "utf8")) as {
    dictionaryDefinitions: Array<{ suggestWords?: string[]; flagWords?: string[] }>;
  };
  const pairs = new Set<string>();
  for (const def of file.dictionaryDefinitions) {
    for (const line of [...(def.suggestWords ?? []), ...(def.flagWords ?? [])]) {
      const [wrong, rights] = line.split("->") as [string, string];
      for (const right of rights.split(","))
        pairs.add(`${wrong.toLowerCase()}->${right.trim().toLowerCase()}`);
    }
  }
  return pairs;
}

const PROMPTS = [
  "I definitely want to schedule a meeting with the team tomorrow because we need to receive their feedback.",
  "Can you help me write an email about the new business calendar and the government grant?",
  "Please explain the difference between affect and effect, and when I should use each one.",
  "THE WEATHER today is beautiful, so Definitely plan a picnic with your friends.",
];

test("misspelling only writes misspellings the dictionary lists for the word", () => {
  const pairs = dictionaryPairs();
  let checked = 0;
  for (let seed = 0; seed < 60; seed++) {
    for (const prompt of PROMPTS) {
      const { noisy, edits } = runRule(misspelling, prompt, { seed, intensity: 0.8 });
      assert.notEqual(noisy, prompt);
      for (const edit of edits) {
        assert.ok(
          pairs.has(`${edit.after.toLowerCase()}->${edit.before.toLowerCase()}`),
          `${edit.before} → ${edit.after}`,
        );
        checked++;
      }
    }
  }
  assert.ok(checked > 200, `checked ${checked} replacements`);
});

test("misspelling keeps the case of the word it replaces", () => {
  for (let seed = 0; seed < 30; seed++) {
    const { edits } = runRule(misspelling, "Definitely GOVERNMENT because", { seed, intensity: 1 });
    for (const edit of edits) {
      if (edit.before === "Definitely") assert.match(edit.after, /^[A-Z][a-z']+$/);
      if (edit.before === "GOVERNMENT") assert.match(edit.after, /^[A-Z']+$/);
      if (edit.before === "because") assert.match(edit.after, /^[a-z']+$/);
    }
  }
});

test("words the dictionary does not know stay as they are", () => {
  runRule(misspelling, "Zyxq blorf qwv.", { intensity: 1, changes: false });
});

test("the index inverts misspelling->word lines and is built once", () => {
  const index = invertMisspellings([
    "teh->the",
    "hte->the",
    "alot->a lot, allot",
    "Amercia->America",
    "recieve->receive",
  ]);
  assert.deepEqual(index.get("the"), ["hte", "teh"]);
  assert.deepEqual(index.get("allot"), ["alot"]);
  assert.equal(index.get("a lot"), undefined);
  assert.equal(index.get("america"), undefined);
  // `has` answers what `get` would, without splitting the list out.
  assert.equal(index.has("the"), true);
  assert.equal(index.has("a lot"), false);
  assert.equal(index.has("america"), false);
  assert.equal(misspellingIndex(), misspellingIndex());
  assert.ok((misspellingIndex().get("definitely")?.length ?? 0) > 10);
});
