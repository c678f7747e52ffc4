import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { expand, slotsFilled } from "../../../src/offline/assistant/phrase-expand.js";
import { createRng } from "../../../src/rng/random.js";
import { ROOT } from "../../helpers/paths.js";

const has =
  (...slots: string[]) =>
  (key: string): boolean =>
    slots.includes(key);

test("an alternation reads as one of its options, slots left for filling", () => {
  const seen = new Set<string>();
  for (let i = 0; i < 60; i++)
    seen.add(expand("{Start|Begin} with {S}{ today|}.", createRng(1, String(i), "t"), has("S")));
  assert.deepEqual([...seen].sort(), [
    "Begin with {S} today.",
    "Begin with {S}.",
    "Start with {S} today.",
    "Start with {S}.",
  ]);
});

test("an option whose slot has no value is never drawn; nested options expand too", () => {
  for (let i = 0; i < 40; i++) {
    const rng = createRng(1, String(i), "t");
    assert.equal(expand("Check it{ for {K}| now}.", rng, has()), "Check it now.");
    assert.match(expand("{a {x|y}|b}", rng, has()), /^(?:a x|a y|b)$/);
    assert.equal(expand("only {K}{ with {S}}", rng, has("K")), "only {K}");
  }
});

test("the same rng draws the same expansion", () => {
  const template = "{One|Two|Three} {red|blue} {fish|birds}{ swim|}";
  assert.equal(
    expand(template, createRng(4, "x", "t"), has()),
    expand(template, createRng(4, "x", "t"), has()),
  );
});

test("slotsFilled looks only at slots outside alternations", () => {
  assert.equal(slotsFilled("About {T}{ and {K}|}.", has("T")), true);
  assert.equal(slotsFilled("About {T}.", has()), false);
});

/** Every string of a JSON value, with its path. */
function strings(value: unknown, path: string, out: Array<[string, string]>): Array<[string, string]> {
  if (typeof value === "string") out.push([path, value]);
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) strings(v, `${path}[${i}]`, out);
  else if (typeof value === "object" && value !== null)
    for (const [k, v] of Object.entries(value)) strings(v, `${path}.${k}`, out);
  return out;
}

test("every phrase of the assistant's inventory has balanced braces, known slots and no duplicate", () => {
  const file = JSON.parse(readFileSync(join(ROOT, "data/offline/assistant-replies.json"), "utf8")) as Record<
    string,
    unknown
  >;
  const problems: string[] = [];
  for (const [path, text] of strings({ ...file, about: undefined }, "", [])) {
    let depth = 0;
    for (const c of text) {
      depth += c === "{" ? 1 : c === "}" ? -1 : 0;
      if (depth < 0) break;
    }
    if (depth !== 0) problems.push(`${path}: unbalanced braces in ${text}`);
    // The notes on messy input know only {Q}; every other pool knows the reply's slots.
    const known = path.startsWith(".notes.") ? "Q" : "TSKXJGABabPRDMIN";
    for (const m of text.matchAll(/\{([A-Za-z])\}/g))
      if (!known.includes(m[1] as string)) problems.push(`${path}: unknown slot {${m[1]}}`);
  }
  const lists = strings(file, "", []).reduce((acc, [path, text]) => {
    const list = path.replace(/\[\d+\]$/, "");
    acc.set(list, [...(acc.get(list) ?? []), text]);
    return acc;
  }, new Map<string, string[]>());
  for (const [list, texts] of lists)
    if (new Set(texts).size !== texts.length) problems.push(`${list}: a phrase listed twice`);
  assert.deepEqual(problems, []);
});
