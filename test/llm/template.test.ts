import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compileTemplate, renderTemplate } from "../../src/llm/template.js";

describe("prompt templates", () => {
  it("fill only the slots given and keep other braces literal", () => {
    const text = 'Persona:\n{persona}\nReply as JSON: {"ok": true} {unknown} at turn {turn}.';
    assert.equal(
      renderTemplate(text, { persona: "- age: 30", turn: 2 }),
      'Persona:\n- age: 30\nReply as JSON: {"ok": true} {unknown} at turn 2.',
    );
  });

  it("unescape Python-style braces and never rescan a filled value", () => {
    const text = 'Answer {{"satisfied": bool}} about {slot} and {slot}; {other}';
    assert.equal(
      renderTemplate(text, { slot: "{slot} {{x}}" }),
      'Answer {"satisfied": bool} about {slot} {{x}} and {slot} {{x}}; {other}',
    );
  });

  it("compiled once, render every call as the single-pass replacement did", () => {
    // Expected values: the regex replacement renderTemplate used before templates were compiled.
    const cases: Array<[string, { a: string; b: string | number }, string]> = [
      ["{a}{b}", { a: "x", b: 1 }, "x1"],
      ["{a}{b}", { a: "", b: "{a}" }, "{a}"],
      ["plain text", { a: "x", b: 1 }, "plain text"],
      ["{{literal}} {a} {{{b}}} {c}", { a: "x", b: 1 }, "{literal} x {1} {c}"],
      ["{{literal}} {a} {{{b}}} {c}", { a: "", b: "{a}" }, "{literal}  {{a}} {c}"],
      ['{"json": {a}} trailing {b', { a: "x", b: 1 }, '{"json": x} trailing {b'],
      ["{b} before {a} {a}", { a: "", b: "{a}" }, "{a} before  "],
      ["}} {a} {{", { a: "x", b: 1 }, "} x {"],
    ];
    for (const [template, values, expected] of cases) {
      const render = compileTemplate(template, ["a", "b"]);
      assert.equal(render(values), expected, template);
      assert.equal(render(values), expected, `${template} (rendered again)`);
    }
  });
});
