import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { replayToClean } from "../../../src/noise/edits.js";
import { offlineExtractIntent, offlineSemanticNoise } from "../../../src/noise/semantic/offline.js";
import {
  ambiguousTemplates,
  contradictionsOf,
  listOf,
  VAGUE_DEFAULTS,
} from "../../../src/noise/semantic/patterns.js";
import { type LayerName, loadStrategyFile, type StrategyFile } from "../../../src/noise/strategy-config.js";
import { createRng } from "../../../src/rng/random.js";
import { findProtectedSpans } from "../../../src/text/protected-spans.js";
import { ROOT, UPSTREAM } from "../../helpers/paths.js";
import { PERSONAS } from "../../offline/conversation-fixtures.js";

const BUNDLED = loadStrategyFile(join(ROOT, "data/distractor_strategy.yaml"));
const ORIGINAL = loadStrategyFile(join(UPSTREAM, "distractor_strategy.yaml"));
const FILES: ReadonlyArray<readonly [string, StrategyFile]> = [
  ["bundled", BUNDLED],
  ["upstream", ORIGINAL],
];

const PROMPTS = [
  "Write a 300-word product description for a bamboo cutting board for my Etsy shop by Friday, in a friendly tone.",
  "Find me a hotel in Porto under 120 euros a night for 14-17 May for 2 people.",
  "Can you help me plan a 5-day trip to Lisbon for my parents in June with a budget of $1,500?",
];

function noise(
  text: string,
  layer: LayerName,
  strategy: string,
  file: StrategyFile,
  seed: string,
  features?: Record<string, string | number | boolean | null>,
) {
  return offlineSemanticNoise(
    { text, layer, strategies: [strategy], strategyFile: file, features },
    createRng(21, `${seed}:${text}`, strategy),
  );
}

function phrases(
  file: StrategyFile,
  layer: LayerName,
  strategy: string,
  key: Parameters<typeof listOf>[1],
): string[] {
  return listOf(file.strategies[layer][strategy], key).map((p) => p.phrase.toLowerCase());
}

/** Each strategy, checked on every prompt, both strategy files and a few seeds. */
function each(
  layer: LayerName,
  strategy: string,
  check: (clean: string, noisy: string, file: StrategyFile, label: string) => void,
): void {
  for (const [name, file] of FILES) {
    for (const prompt of PROMPTS) {
      for (const seed of ["a", "b", "c"]) {
        const out = noise(prompt, layer, strategy, file, seed);
        const label = `${strategy} (${name}, ${seed}): ${out.noisy_text}`;
        assert.deepEqual(out.applied_strategies, [strategy], label);
        assert.notEqual(out.noisy_text, prompt, label);
        assert.equal(replayToClean(out.noisy_text, out.edits ?? []), prompt, `edits do not replay: ${label}`);
        check(prompt, out.noisy_text, file, label);
      }
    }
  }
}

test("missing_slots removes a slot phrase (number with unit, date, budget, audience …)", () => {
  each("incomplete_info", "missing_slots", (clean, noisy, _file, label) => {
    const slots = Object.entries(offlineExtractIntent(clean).slots).filter(
      ([k]) => k !== "topic" && k !== "quoted",
    );
    const gone = slots.filter(([, v]) => !noisy.includes(v));
    assert.ok(gone.length >= 1, `no slot removed: ${label}`);
    assert.ok(noisy.length < clean.length, label);
  });
});

test("vague_slot_values replaces a precise value with a vague one from the strategy file", () => {
  each("incomplete_info", "vague_slot_values", (clean, noisy, file, label) => {
    const vague = [
      ...phrases(file, "incomplete_info", "vague_slot_values", "vague_patterns"),
      ...Object.values(VAGUE_DEFAULTS).flat(),
      "a reasonable amount",
      "multi-day",
      "fairly long",
      "short",
    ];
    assert.ok(
      vague.some((v) => noisy.toLowerCase().includes(v.replace(/ of$/, ""))),
      `no vague phrase in ${label}`,
    );
    const precise = Object.entries(offlineExtractIntent(clean).slots).filter(
      ([k]) => k !== "topic" && k !== "quoted",
    );
    assert.ok(
      precise.some(([, v]) => !noisy.includes(v)),
      `every precise value survived: ${label}`,
    );
  });
});

test("context_dependency refers to a context the assistant cannot see, from the strategy's patterns", () => {
  each("incomplete_info", "context_dependency", (_clean, noisy, file, label) => {
    const patterns = phrases(file, "incomplete_info", "context_dependency", "patterns");
    assert.ok(
      patterns.some((p) => noisy.toLowerCase().includes(p)),
      label,
    );
  });
});

test("unclear_priority hands the decision back", () => {
  each("incomplete_info", "unclear_priority", (_clean, noisy, file, label) => {
    const patterns = phrases(file, "incomplete_info", "unclear_priority", "patterns");
    assert.ok(
      patterns.some((p) => noisy.toLowerCase().includes(p)),
      label,
    );
  });
});

test("multi_intent appends a second request with one of the connectors", () => {
  each("semantic_ambiguity", "multi_intent", (clean, noisy, file, label) => {
    const connectors = phrases(file, "semantic_ambiguity", "multi_intent", "connectors");
    const tail = noisy.slice(clean.length - 1).toLowerCase();
    assert.ok(
      connectors.some((c) => tail.includes(c)),
      label,
    );
    assert.ok(noisy.startsWith(clean.slice(0, -1)), `the first request must stay complete: ${label}`);
    assert.match(noisy, /\?$/, label);
  });
});

test("intent_ambiguity rewords the request with a verb that fits several tasks", () => {
  each("semantic_ambiguity", "intent_ambiguity", (_clean, noisy, file, label) => {
    const heads = ambiguousTemplates(file.strategies.semantic_ambiguity.intent_ambiguity).map((t) =>
      t.replace(/\s*\{O\}.*$/, "").toLowerCase(),
    );
    assert.ok(
      heads.some((h) => noisy.toLowerCase().includes(h)),
      `${label} (heads: ${heads.join(" / ")})`,
    );
  });
});

test("self_contradiction adds a conflicting constraint from contradiction_types", () => {
  each("semantic_ambiguity", "self_contradiction", (clean, noisy, file, label) => {
    const options = contradictionsOf(file.strategies.semantic_ambiguity.self_contradiction, false).map((o) =>
      o.phrase.toLowerCase(),
    );
    assert.ok(
      options.some((o) => noisy.toLowerCase().includes(o)),
      label,
    );
    assert.ok(noisy.startsWith(clean.slice(0, -1)), label);
  });
});

test("mind_changing adds a self-correction that changes one value, both versions visible", () => {
  each("semantic_ambiguity", "mind_changing", (clean, noisy, file, label) => {
    const markers = phrases(file, "semantic_ambiguity", "mind_changing", "patterns");
    const tail = noisy.slice(clean.length).toLowerCase();
    assert.ok(
      markers.some((m) => tail.includes(m)),
      label,
    );
    assert.ok(noisy.startsWith(clean), `the earlier version must stay: ${label}`);
  });
  // With a slot to change, the correction names a new value for it.
  const out = noise(
    "Write a 300-word bio for my website.",
    "semantic_ambiguity",
    "mind_changing",
    BUNDLED,
    "n",
  );
  assert.match(out.noisy_text, /\d+-word/);
  assert.notEqual((out.noisy_text.match(/\d+-word/g) ?? []).length, 1);
});

test("surface strategies run the rule recipes and their edits replay to the clean text", () => {
  const surface = [
    "colloquial_speech",
    "incomplete_sentence",
    "typo_misspelling",
    "word_segmentation",
    "punctuation_format",
    "synonym_rewrite",
    "emotional_attitude",
    "negative_expression",
    "real_life_fragments",
  ];
  let applied = 0;
  for (const prompt of [
    ...PROMPTS,
    'My Flask 2.2.2 app fails with "ImportError: url_quote" at https://example.com/x',
  ]) {
    for (let seed = 0; seed < 12; seed++) {
      const strategies = [
        surface[seed % surface.length] as string,
        surface[(seed * 5 + 3) % surface.length] as string,
      ];
      const out = offlineSemanticNoise(
        { text: prompt, layer: "surface_noise", strategies, strategyFile: BUNDLED },
        createRng(4, `${seed}:${prompt}`, "surface"),
      );
      // Each drawn strategy either applied (its edits are in the text) or could not apply (said so).
      for (const name of new Set(strategies))
        assert.ok(
          out.applied_strategies.includes(name) !== (out.not_applicable ?? []).includes(name),
          `${name}: ${JSON.stringify(out)}`,
        );
      assert.equal(out.noisy_text === prompt, out.applied_strategies.length === 0);
      assert.equal(replayToClean(out.noisy_text, out.edits ?? []), prompt);
      for (const name of out.applied_strategies) {
        assert.ok(strategies.includes(name), `claimed ${name}`);
        assert.ok(
          out.edits?.some((e) => e.strategy === name),
          `${name} has no edit`,
        );
      }
      for (const edit of out.edits ?? []) assert.ok(out.applied_strategies.includes(edit.strategy));
      applied += out.applied_strategies.length;
      for (const span of findProtectedSpans(prompt)) {
        assert.ok(
          out.noisy_text.includes(prompt.slice(span.start, span.end)),
          `${span.kind} changed: ${out.noisy_text}`,
        );
      }
    }
  }
  assert.ok(applied >= 60, `only ${applied} strategies applied`);
});

test("a formal persona never gets emoji or text-speak", () => {
  const formal = { ...PERSONAS.formal_lawyer!, emoji_use: "frequent" };
  const all: Array<[LayerName, string]> = [
    ["surface_noise", "punctuation_format"],
    ["surface_noise", "colloquial_speech"],
    ["surface_noise", "real_life_fragments"],
    ["surface_noise", "emotional_attitude"],
    ["incomplete_info", "context_dependency"],
    ["incomplete_info", "unclear_priority"],
    ["semantic_ambiguity", "multi_intent"],
    ["semantic_ambiguity", "mind_changing"],
    ["semantic_ambiguity", "intent_ambiguity"],
  ];
  for (const [, file] of FILES) {
    for (const prompt of PROMPTS) {
      for (const [layer, strategy] of all) {
        for (const seed of ["1", "2", "3", "4", "5", "6"]) {
          const out = noise(prompt, layer, strategy, file, seed, formal);
          assert.doesNotMatch(out.noisy_text, /\p{Extended_Pictographic}/u, `${strategy}: ${out.noisy_text}`);
          assert.doesNotMatch(
            out.noisy_text,
            /\b(?:btw|u|ur|pls|plz|thx|rn|lol|omg|idk|tbh|gonna|wanna|kinda)\b/i,
            `${strategy}: ${out.noisy_text}`,
          );
        }
      }
    }
  }
});

test("protected spans stay intact for the strategies that do not target slots", () => {
  const prompts = [
    'Why does `df.groupby("id")` return 3 rows when https://example.com/data.csv has 1,204?',
    'Proofread "Their going to announce it next week" and email the result to ana@example.org.',
    "Explain what v2.2.2 of Flask changed in url_quote, in 150 words.",
  ];
  // (context_dependency and unclear_priority replace a detail: they target slots.)
  const strategies: Array<[LayerName, string]> = [
    ["semantic_ambiguity", "multi_intent"],
    ["semantic_ambiguity", "intent_ambiguity"],
    ["semantic_ambiguity", "self_contradiction"],
    ["semantic_ambiguity", "mind_changing"],
  ];
  for (const prompt of prompts) {
    const spans = findProtectedSpans(prompt).map((s) => prompt.slice(s.start, s.end));
    assert.ok(spans.length >= 2);
    for (const [layer, strategy] of strategies) {
      for (const seed of ["a", "b", "c", "d"]) {
        const out = noise(prompt, layer, strategy, BUNDLED, seed);
        for (const span of spans)
          assert.ok(out.noisy_text.includes(span), `${strategy} changed ${span}: ${out.noisy_text}`);
      }
    }
  }
});

test("a strategy that cannot apply is not claimed: reported, the text left as it is", () => {
  const clean = "How does photosynthesis work?";
  const out = noise(clean, "incomplete_info", "missing_slots", BUNDLED, "x");
  assert.deepEqual(out.applied_strategies, []);
  assert.deepEqual(out.not_applicable, ["missing_slots"]);
  assert.equal(out.noisy_text, clean);
  const unknown = noise("Write a poem about rain.", "semantic_ambiguity", "no_such_strategy", BUNDLED, "x");
  assert.ok(!unknown.applied_strategies.includes("no_such_strategy"));
  const empty = noise("", "incomplete_info", "missing_slots", BUNDLED, "x");
  assert.equal(empty.noisy_text, "");
  assert.deepEqual(empty.applied_strategies, []);
  const several = offlineSemanticNoise(
    {
      text: PROMPTS[0] as string,
      layer: "incomplete_info",
      strategies: ["missing_slots", "vague_slot_values", "context_dependency"],
      strategyFile: BUNDLED,
    },
    createRng(1, "several", "x"),
  );
  assert.deepEqual(several.applied_strategies, ["missing_slots", "vague_slot_values", "context_dependency"]);
  assert.equal(replayToClean(several.noisy_text, several.edits ?? []), PROMPTS[0]);
});

test("the layer's undrawn strategies are tried for applicability only; replace_inapplicable draws another", () => {
  const layerStrategies = Object.keys(BUNDLED.strategies.surface_noise);
  const input = {
    text: "How does photosynthesis work in desert plants?",
    layer: "surface_noise" as const,
    strategies: ["synonym_rewrite"],
    layerStrategies,
    strategyFile: BUNDLED,
  };
  const plain = offlineSemanticNoise(input, createRng(2, "replace", "x"));
  assert.deepEqual(plain.applied_strategies, []);
  assert.equal(plain.noisy_text, input.text);
  assert.deepEqual(plain.not_applicable, ["synonym_rewrite"], "every other surface strategy could apply");
  const replaced = offlineSemanticNoise(
    { ...input, replaceInapplicable: true },
    createRng(2, "replace", "x"),
  );
  const [pick] = replaced.applied_strategies;
  assert.ok(pick !== undefined && layerStrategies.includes(pick), JSON.stringify(replaced));
  assert.notEqual(pick, "synonym_rewrite");
  assert.deepEqual(replaced.replacements, [{ drawn: "synonym_rewrite", applied: pick }]);
  assert.equal(replayToClean(replaced.noisy_text, replaced.edits ?? []), input.text);
});

test("noise is deterministic for a seed", () => {
  for (const strategy of ["missing_slots", "multi_intent", "mind_changing", "colloquial_speech"]) {
    const layer: LayerName =
      strategy === "colloquial_speech"
        ? "surface_noise"
        : strategy === "missing_slots"
          ? "incomplete_info"
          : "semantic_ambiguity";
    assert.deepEqual(
      noise(PROMPTS[1] as string, layer, strategy, BUNDLED, "d"),
      noise(PROMPTS[1] as string, layer, strategy, BUNDLED, "d"),
    );
  }
});

test("intent extraction: verb_object intents, exact slot texts, pleasantries dropped", () => {
  const cases: Array<[string, string]> = [
    [
      "Hey can you help me write a professional email to my boss about requesting time off next Friday? Thanks!",
      "write_email",
    ],
    ['My Flask app crashes with "ImportError: cannot import name url_quote". How do I fix it?', "debug_code"],
    ["Plan a 4-day itinerary in Kyoto in early November for two people.", "plan_trip"],
    ["What's the difference between a Roth IRA and a traditional IRA?", "compare_options"],
    ["Explain entropy without using equations.", "explain_concept"],
    ["Summarize this 10-page report into bullet points for the executive team.", "summarize_report"],
  ];
  for (const [text, intent] of cases) {
    const out = offlineExtractIntent(text);
    assert.equal(out.intent, intent, text);
    assert.match(out.intent, /^[a-z]+(?:_[a-z]+)+$/);
    for (const [key, value] of Object.entries(out.slots))
      assert.ok(text.includes(value), `${key}=${value} not in ${text}`);
  }
  const email = offlineExtractIntent(cases[0]![0]);
  assert.equal(email.slots.audience, "to my boss");
  assert.equal(email.slots.date, "next Friday");
  assert.equal(email.slots.tone, "professional");
  assert.equal(
    email.compressed_text,
    "Write a professional email to my boss about requesting time off next Friday.",
  );
  const hotel = offlineExtractIntent(PROMPTS[1] as string);
  assert.equal(hotel.slots.budget, "under 120 euros a night");
  assert.equal(hotel.slots.place, "in Porto");
  assert.equal(hotel.slots.date, "for 14-17 May");
  assert.equal(hotel.slots.quantity, "for 2 people");
  const quoted = offlineExtractIntent(cases[1]![0]);
  assert.equal(quoted.slots.quoted, '"ImportError: cannot import name url_quote"');
});
