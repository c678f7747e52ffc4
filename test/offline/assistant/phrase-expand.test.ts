import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { compile, render, requiredSlots } from "../../../src/offline/assistant/phrase-expand.js";
import { withVariants } from "../../../src/offline/assistant/phrase-variants.js";
import { createRng } from "../../../src/rng/random.js";
import { ROOT } from "../../helpers/paths.js";

function read(template: string, seed: string, slots: Record<string, string> = {}): string {
  return render(compile(template), createRng(1, seed, "t"), slots);
}

test("an alternation reads as one of its options, slots filled", () => {
  const seen = new Set<string>();
  for (let i = 0; i < 60; i++) seen.add(read("{Start|Begin} with {S}{ today|}.", String(i), { S: "a plan" }));
  assert.deepEqual([...seen].sort(), [
    "Begin with a plan today.",
    "Begin with a plan.",
    "Start with a plan today.",
    "Start with a plan.",
  ]);
});

test("an option whose slot has no value is never drawn; nested options read too", () => {
  for (let i = 0; i < 40; i++) {
    assert.equal(read("Check it{ for {K}| now}.", String(i)), "Check it now.");
    assert.match(read("{a {x|y}|b}", String(i)), /^(?:a x|a y|b)$/);
    assert.equal(read("only {K}{ with {S}}", String(i), { K: "this" }), "only this");
    // A slot outside any alternation is the caller's to check: left as written when it has no value.
    assert.equal(read("about {T}", String(i)), "about {T}");
  }
});

test("the same rng draws the same reading", () => {
  const template = "{One|Two|Three} {red|blue} {fish|birds}{ swim|}";
  assert.equal(read(template, "x"), read(template, "x"));
});

test("requiredSlots names only the slots outside alternations", () => {
  assert.equal(requiredSlots("About {T}{ and {K}|}, {X}."), "TX");
  assert.equal(requiredSlots("{a|b}"), "");
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
    const known = path.startsWith(".notes.") ? "Q" : "TSKXJGABabPRDMINFL";
    for (const m of text.matchAll(/\{([A-Za-z])\}/g))
      if (!known.includes(m[1] as string)) problems.push(`${path}: unknown slot {${m[1]}}`);
    // An option that is a bare slot letter ("{S|it}") reads as the letter: a slot is "{{S}|it}".
    for (const m of text.matchAll(/\{([A-Z])\||\|([A-Z])(?=[|}])/g)) {
      const letter = m[1] ?? m[2];
      if (letter !== "A" && letter !== "I") problems.push(`${path}: bare slot letter ${letter} in ${text}`);
    }
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

test("no reading of any phrase breaks agreement or an idiom ('tends to succeeds', 'every so usually')", () => {
  const file = JSON.parse(readFileSync(join(ROOT, "data/offline/assistant-replies.json"), "utf8")) as Record<
    string,
    unknown
  >;
  const slots: Record<string, string> = {};
  for (const k of "TSKXJGABabPRDMINFLQ") slots[k] = "the plan";
  const broken: string[] = [];
  for (const [path, text] of strings({ ...file, about: undefined }, "", [])) {
    // As the pools read it: with the interchangeable phrases turned into alternations.
    const phrase = compile(withVariants(text));
    for (let i = 0; i < 40; i++) {
      const read = render(phrase, createRng(2, `${path}:${i}`, "t"), slots);
      const m =
        /\btends to (?:succeeds|stalls|gets|needs|makes|goes|works)\b|\b(?:everything else|the plan) depend\b|\bother points depends\b|\bevery so (?:usually|typically|generally)\b|\bIf you tell me [^.]*\band I'll\b|^Share [^.]*, (?:and )?I(?: can|'ll)\b|^Would (?:a version|the steps) (?:with|including)\b/.exec(
          read,
        );
      if (m !== null) broken.push(`${path}: ${m[0]}`);
    }
  }
  assert.deepEqual([...new Set(broken)], []);
});
