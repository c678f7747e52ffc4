import assert from "node:assert/strict";
import { test } from "node:test";
import { DataError } from "../../src/errors.js";
import { applyEdit, applyEdits, type Edit, replayToClean, undoEdit } from "../../src/noise/edits.js";

const clean = "Can you help me write an email?";
// Two edits in application order, each positioned in the text right after it was applied.
const edits: Edit[] = [
  { strategy: "abbreviation", position: 4, before: "you", after: "u" },
  { strategy: "punctuation", position: 28, before: "?", after: "" },
];

test("applying edits in order gives the noisy text, replaying them backwards gives the clean text", () => {
  const noisy = applyEdits(clean, edits);
  assert.equal(noisy, "Can u help me write an email");
  assert.equal(replayToClean(noisy, edits), clean);
});

test("an insertion has an empty before, a deletion an empty after", () => {
  const inserted = applyEdit("help me", { strategy: "filler", position: 0, before: "", after: "um, " });
  assert.equal(inserted, "um, help me");
  assert.equal(undoEdit(inserted, { strategy: "filler", position: 0, before: "", after: "um, " }), "help me");
});

test("replaying edits that do not belong to the text is a data error, not a silent wrong text", () => {
  assert.throws(() => replayToClean("something else entirely", edits), DataError);
  assert.throws(
    () => applyEdit("short", { strategy: "x", position: 2, before: "zz", after: "y" }),
    DataError,
  );
});

test("no edits: the clean text is the noisy text", () => {
  assert.equal(replayToClean(clean, []), clean);
});
