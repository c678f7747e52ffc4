import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { renderSystemPrompt } from "../../../src/offline/system-prompt/system-prompt.js";
import { loadPersonaBank, type PersonaBank } from "../../../src/persona/bank.js";
import type { PersonaFeatures } from "../../../src/persona/persona.js";
import { createRng } from "../../../src/rng/random.js";
import { BUNDLED_BANK, UPSTREAM_BANK } from "../fixtures.js";

const banks: PersonaBank[] = [loadPersonaBank(BUNDLED_BANK), loadPersonaBank(UPSTREAM_BANK)];
const REFUSALS = ["i can't", "i cannot", "i can not", "as an ai", "i'm sorry", "i am unable", "i'm unable"];

/** 50 distinct random personas, alternating between the two banks, 3 to 15 features each. */
function randomPersonas(): PersonaFeatures[] {
  const rng = createRng(42, "system-prompt-test", "personas");
  const seen = new Set<string>();
  const out: PersonaFeatures[] = [];
  while (out.length < 50) {
    const bank = banks[out.length % 2] as PersonaBank;
    const features: Record<string, string> = {};
    for (const d of rng.sample(bank.dimensions, rng.intBetween(3, 15))) features[d.name] = rng.pick(d.values);
    const key = JSON.stringify(Object.entries(features).sort());
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(features);
  }
  return out;
}

const personas = randomPersonas();
const prompts = personas.map((features, i) =>
  renderSystemPrompt(features, createRng(42, `persona-${i}`, "formulate")),
);
const wordCount = (text: string): number => text.split(/\s+/).filter((w) => w !== "").length;

describe("renderSystemPrompt", () => {
  test("50 random personas from both banks get prompts of a sensible size", (t) => {
    const words = prompts.map(wordCount);
    t.diagnostic(`words: min ${Math.min(...words)}, max ${Math.max(...words)}`);
    for (const [i, prompt] of prompts.entries()) {
      assert.ok(prompt.length >= 50 && prompt.length <= 1600, `${prompt.length} chars: ${prompt}`);
      assert.ok(wordCount(prompt) >= 80 && wordCount(prompt) <= 200, `${wordCount(prompt)} words (#${i})`);
      assert.ok(prompt.split(/(?<=[.!?])\s+/).length >= 4, `not several sentences: ${prompt}`);
    }
  });

  test("prompts are prose, not a dump of trait names and values", () => {
    const dimensionNames = new Set(banks.flatMap((b) => b.dimensions.map((d) => d.name)));
    for (const prompt of prompts) {
      assert.doesNotMatch(prompt, /^\s*[\w -]{1,40}:\s*\S+\s*$/m, "a key: value line");
      assert.doesNotMatch(prompt, /^\s*[-*•]\s/m, "a bullet line");
      assert.doesNotMatch(prompt, /_/, `a raw value or dimension name: ${prompt}`);
      for (const name of dimensionNames) assert.ok(!prompt.includes(name), `mentions ${name}`);
      assert.match(prompt, /^[A-Z]/);
      assert.match(prompt, /[.!]$/);
    }
  });

  test("no refusal phrases (the formulation stage's own validation)", () => {
    for (const prompt of prompts) {
      const lower = prompt.toLowerCase();
      for (const phrase of REFUSALS) assert.ok(!lower.includes(phrase), `contains "${phrase}": ${prompt}`);
    }
  });

  test("distinct personas get distinct prompts", () => {
    assert.equal(new Set(prompts).size, personas.length);
  });

  test("the same rng seed gives the same prompt; other seeds vary the phrasing", () => {
    personas.forEach((features, i) => {
      assert.equal(renderSystemPrompt(features, createRng(42, `persona-${i}`, "formulate")), prompts[i]);
    });
    const features = personas[0] ?? {};
    const variants = new Set(
      Array.from({ length: 10 }, (_, s) => renderSystemPrompt(features, createRng(s, "p", "f"))),
    );
    assert.ok(variants.size >= 3, `only ${variants.size} phrasings`);
  });

  test("the prompt follows the persona's traits", () => {
    const prompt = (features: PersonaFeatures) =>
      renderSystemPrompt(features, createRng(1, "traits", "formulate"));
    const lawyer = prompt({
      role: "lawyer",
      seniority: "senior",
      industry: "legal_services",
      formality_level: "very_formal",
      length_pref: "exhaustive",
      citation_pref: "formal_citations",
    });
    assert.match(lawyer, /senior lawyer/);
    assert.match(lawyer, /legal services/);
    assert.match(lawyer, /formal/i);
    assert.match(lawyer, /cit/i);
    const novice = prompt({
      tech_proficiency: "beginner",
      accessibility_need: "screen_reader",
      age_band: "60p",
    });
    assert.match(novice, /jargon|everyday words/i);
    assert.match(novice, /screen reader/i);
    const expert = prompt({
      tech_proficiency: "expert",
      time_sensitivity: "urgent",
      format_pref_primary: "bullets",
    });
    assert.match(expert, /expert/i);
    assert.match(expert, /answer first|lead with the answer|first line/i);
    assert.match(expert, /bullet/i);
  });

  test("an empty persona still gets a usable prompt", () => {
    const prompt = renderSystemPrompt({}, createRng(1, "empty", "formulate"));
    assert.ok(prompt.length >= 50 && wordCount(prompt) >= 80, prompt);
  });
});
