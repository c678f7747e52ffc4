import assert from "node:assert/strict";
import { test } from "node:test";
import { extractSeedFields } from "../../src/query/text-fields.js";
import { tempDir } from "../helpers/paths.js";
import { jsonl, loadOne, texts, write } from "./load-helpers.js";

const textOf = (record: unknown) => {
  const fields = extractSeedFields(record, "fields");
  return fields.ok ? fields.text : `(${fields.kind}: ${fields.reason})`;
};

test("text comes from the first non-empty of instruction, query, question, prompt, text, input", () => {
  const all = { input: "I", text: "T", prompt: "P", question: "Q?", query: "q", instruction: "Do it" };
  assert.equal(textOf({ ...all, input: "" }), "Do it");
  assert.equal(textOf({ ...all, instruction: "  " }), "q");
  assert.equal(textOf({ text: "T", prompt: "P", question: "Q?" }), "Q?");
  assert.equal(textOf({ text: "T", prompt: "P" }), "P");
  assert.equal(textOf({ input: "I", text: "T" }), "T");
  assert.equal(textOf({ input: "  only input  " }), "only input");
  // A non-string value is passed over, not stringified.
  assert.equal(textOf({ query: 42, prompt: "P" }), "P");
  // A conversation is the last resort in plain mode.
  assert.equal(textOf({ title: "x", conversations: [{ from: "human", value: "from chat" }] }), "from chat");
  assert.equal(textOf({ prompt: "P", conversations: [{ from: "human", value: "from chat" }] }), "P");
});

test("keys match exactly first; the same names in another letter case are a fallback", () => {
  assert.equal(textOf({ Question: "Capitalised?" }), "Capitalised?");
  assert.equal(textOf({ PROMPT: "shouting" }), "shouting");
  // An exact `text` beats a differently-cased `Query`, although query ranks higher.
  assert.equal(textOf({ Query: "folded", text: "exact" }), "exact");
  assert.equal(textOf({ Query: "folded", Text: "also folded" }), "folded");
});

test("Alpaca rows: a non-empty input is appended to the instruction after a blank line", () => {
  assert.equal(
    textOf({ instruction: "Summarise this text.", input: "The cat sat on the mat.", output: "A cat sat." }),
    "Summarise this text.\n\nThe cat sat on the mat.",
  );
  assert.equal(
    textOf({ instruction: "Name three colours.", input: "", output: "red" }),
    "Name three colours.",
  );
  assert.equal(textOf({ Instruction: "Translate:", Input: "bonjour" }), "Translate:\n\nbonjour");
  // The input alone only when the instruction is empty.
  assert.equal(textOf({ instruction: "", input: "orphan input" }), "orphan input");
});

test("domain from domain or category; ids from id, query_id or uuid", () => {
  assert.deepEqual(extractSeedFields({ text: "t", category: "cooking" }, "fields"), {
    ok: true,
    text: "t",
    domain: "cooking",
  });
  assert.deepEqual(
    extractSeedFields({ text: "t", domain: "a", category: "b", uuid: "u-1", id: 7 }, "fields"),
    {
      ok: true,
      text: "t",
      domain: "a",
      rowId: "7",
    },
  );
  assert.deepEqual(extractSeedFields({ text: "t", query_id: " q-9 " }, "fields"), {
    ok: true,
    text: "t",
    rowId: "q-9",
  });
});

test("why a row has no text: empty fields, wrong types, or the columns it does have", () => {
  assert.deepEqual(extractSeedFields({ query: "   ", id: 1 }, "fields"), {
    ok: false,
    kind: "empty",
    reason: "empty text (query)",
  });
  assert.deepEqual(extractSeedFields({ title: "x", body: "y" }, "fields"), {
    ok: false,
    kind: "malformed",
    reason: "no text field among: title, body",
  });
  assert.deepEqual(extractSeedFields({ text: { nested: true } }, "fields"), {
    ok: false,
    kind: "malformed",
    reason: "field text is an object, not a string",
  });
  assert.deepEqual(extractSeedFields([1, 2], "fields"), {
    ok: false,
    kind: "malformed",
    reason: "row is an array, not an object",
  });
  assert.deepEqual(extractSeedFields(null, "fields"), {
    ok: false,
    kind: "malformed",
    reason: "row is null, not an object",
  });
});

test("through a file: field priority and Alpaca in a real JSONL dataset", async (t) => {
  const rows = [
    { instruction: "Rewrite formally.", input: "gonna be late", output: "I will be late." },
    { question: "Why is the sky blue?", prompt: "unused" },
    { Prompt: "Case-folded key" },
  ];
  const { queries } = await loadOne({ path: write(tempDir(t), "alpaca.jsonl", jsonl(rows)) });
  assert.deepEqual(texts(queries), [
    "Rewrite formally.\n\ngonna be late",
    "Why is the sky blue?",
    "Case-folded key",
  ]);
});
