import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { shiftSpans } from "../../src/noise/edits.js";
import {
  findProtectedSpans,
  maskSpans,
  type ProtectedKind,
  READING_SPANS,
  REWRITE_SPANS,
  spanTexts,
  unmask,
} from "../../src/text/protected-spans.js";

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

describe("the rewrite profile: what a style rewrite keeps", () => {
  test("finds code, quotes, URLs, emails, numbers and identifiers", () => {
    const text =
      'Run `npm ci`, then open https://example.com/a?b=1 or mail dev@example.com about "Build failed." ' +
      "It costs $1,499.99 (12.5% more) since v2.3.1; see ./src/app.ts, parse_duration and useEffect in C++.";
    const found = spanTexts(text, REWRITE_SPANS);
    for (const part of [
      "`npm ci`",
      "https://example.com/a?b=1",
      "dev@example.com",
      '"Build failed."',
      "$1,499.99",
      "12.5%",
      "v2.3.1",
      "./src/app.ts",
      "parse_duration",
      "useEffect",
      "C++",
    ])
      assert.ok(found.includes(part), `${part} not in ${JSON.stringify(found)}`);
  });

  test("an inline SQL statement is protected up to the end of its sentence", () => {
    const text = "Review this: SELECT * FROM orders WHERE country = 'DE'. The table is big.";
    assert.deepEqual(spanTexts(text, REWRITE_SPANS), ["SELECT * FROM orders WHERE country = 'DE'"]);
  });

  test("apostrophes and prose abbreviations are not quotes or identifiers", () => {
    assert.deepEqual(spanTexts("I'm sure it's fine, e.g. when you're done.", REWRITE_SPANS), []);
  });

  test("mask and unmask round-trip, one placeholder per part", () => {
    const text = 'Is "a cake of fresh yeast" about 42 g? See `yeast.md`.';
    const { masked, parts } = maskSpans(text, REWRITE_SPANS);
    assert.equal(parts.length, 3);
    assert.doesNotMatch(masked, /yeast|42/);
    assert.equal(unmask(masked, parts), text);
  });
});

describe("the reading profile: what the offline conversation repeats exactly", () => {
  test("code, quotes, numbers with the word they are glued to, URLs and emails", () => {
    assert.deepEqual(
      spanTexts(
        'Ship Q3 for $1,850 or my `cfg`, "Payment failed", 48kHz v2.2.2 at 10:30 (5%) via https://x.io/a). Mail a.b@c.com',
        READING_SPANS,
      ),
      [
        "Q3",
        "$1,850",
        "`cfg`",
        '"Payment failed"',
        "48kHz",
        "v2.2.2",
        "10:30",
        "5%",
        "https://x.io/a",
        "a.b@c.com",
      ],
    );
  });

  test("a number takes the word it is glued to, whatever its script or symbol (as the reader always did)", () => {
    assert.deepEqual(spanTexts("$1,850—my 3×", READING_SPANS), ["$1,850—my", "3×"]);
  });

  test("an apostrophe inside a word is not a quote; a quoted word is", () => {
    assert.deepEqual(spanTexts("the kid's toy and 'kids' toys", READING_SPANS), ["'kids'"]);
  });

  test("an email whose local part holds a number is read as the number", () => {
    assert.deepEqual(spanTexts("ab1@x.com", READING_SPANS), ["ab1"]);
  });

  test("placeholders are U+E100 + index, and unmask restores the text", () => {
    const text = "Budget $500 and `npm ci`.";
    const { masked, parts } = maskSpans(text, READING_SPANS);
    assert.equal(masked, "Budget \uE100 and \uE101.");
    assert.equal(unmask(masked, parts), text);
  });
});
