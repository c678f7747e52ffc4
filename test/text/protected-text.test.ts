import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { findProtected, mask, unmask } from "../../src/text/protected-text.js";

describe("protected text", () => {
  test("finds code, quotes, URLs, emails, numbers and identifiers", () => {
    const text =
      'Run `npm ci`, then open https://example.com/a?b=1 or mail dev@example.com about "Build failed." ' +
      "It costs $1,499.99 (12.5% more) since v2.3.1; see ./src/app.ts, parse_duration and useEffect in C++.";
    const found = findProtected(text).map((p) => p.text);
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
    assert.deepEqual(
      findProtected(text).map((p) => p.text),
      ["SELECT * FROM orders WHERE country = 'DE'"],
    );
  });

  test("apostrophes and prose abbreviations are not quotes or identifiers", () => {
    assert.deepEqual(findProtected("I'm sure it's fine, e.g. when you're done."), []);
  });

  test("mask and unmask round-trip, one placeholder per part", () => {
    const text = 'Is "a cake of fresh yeast" about 42 g? See `yeast.md`.';
    const { masked, parts } = mask(text);
    assert.equal(parts.length, 3);
    assert.doesNotMatch(masked, /yeast|42/);
    assert.equal(unmask(masked, parts), text);
  });
});
