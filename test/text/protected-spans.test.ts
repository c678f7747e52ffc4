import assert from "node:assert/strict";
import { test } from "node:test";
import { shiftSpans } from "../../src/noise/edits.js";
import { findProtectedSpans, type ProtectedKind } from "../../src/text/protected-spans.js";

function spans(text: string): Array<[ProtectedKind, string]> {
  return findProtectedSpans(text).map((s) => [s.kind, text.slice(s.start, s.end)]);
}

test("finds URLs, bare domains and emails, without trailing sentence punctuation", () => {
  assert.deepEqual(spans("See https://example.com/a?b=1, or www.test.org. Mail jane.doe+x@mail.co.uk!"), [
    ["url", "https://example.com/a?b=1"],
    ["url", "www.test.org"],
    ["email", "jane.doe+x@mail.co.uk"],
  ]);
  assert.deepEqual(spans("docs are on github.com/org/repo."), [["url", "github.com/org/repo"]]);
});

test("finds numbers: decimals, thousands, currency, percent, dates, times, versions", () => {
  const text =
    "Pay $20 or €1,000.50, 10% off, pi is 3.14, on 2024-01-15 or 01/15/2024 at 3:30pm or 9 am, v2.1.0, March 3rd, 2024.";
  assert.deepEqual(
    spans(text).map(([, value]) => value),
    [
      "$20",
      "€1,000.50",
      "10%",
      "3.14",
      "2024-01-15",
      "01/15/2024",
      "3:30pm",
      "9 am",
      "v2.1.0",
      "March 3rd, 2024",
    ],
  );
  assert.ok(spans(text).every(([kind]) => kind === "number"));
});

test("finds inline code, fenced blocks and quoted strings, not apostrophes", () => {
  assert.deepEqual(
    spans("Run `npm test` then ```\nconst x = 1;\n``` and say \"hello world\" or 'hi there' or “this”."),
    [
      ["code", "`npm test`"],
      ["code", "```\nconst x = 1;\n```"],
      ["quoted", '"hello world"'],
      ["quoted", "'hi there'"],
      ["quoted", "“this”"],
    ],
  );
  assert.deepEqual(spans("I don't think it's the dogs' fault, and I can't see why."), []);
});

test("finds file paths, mentions and hashtags, not and/or or w/", () => {
  assert.deepEqual(
    spans("Edit src/index.ts and /etc/hosts or ~/notes/todo.md, C:\\Users\\me, ping @anna about #launch"),
    [
      ["path", "src/index.ts"],
      ["path", "/etc/hosts"],
      ["path", "~/notes/todo.md"],
      ["path", "C:\\Users\\me"],
      ["mention", "@anna"],
      ["mention", "#launch"],
    ],
  );
  assert.deepEqual(spans("yes and/or no, coffee w/ milk"), []);
});

test("plain prose has no protected span", () => {
  assert.deepEqual(spans("Can you help me write a polite email to my landlord about the heater?"), []);
});

test("spans move with edits made before them and stay put for edits after them", () => {
  const text = "call me at 5pm or later";
  const [span] = findProtectedSpans(text);
  assert.deepEqual(span, { start: 11, end: 14, kind: "number" });
  const moved = shiftSpans(findProtectedSpans(text), [
    { strategy: "a", position: 0, before: "call", after: "cal" },
    { strategy: "b", position: 16, before: "or", after: "orr" },
  ]);
  assert.deepEqual(moved, [{ start: 10, end: 13, kind: "number" }]);
});
