import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { DataError } from "../../src/errors.js";
import { LAYERS, loadStrategyFile } from "../../src/noise/strategy-config.js";
import { loadPersonaBank } from "../../src/persona/bank.js";
import { loadDataJson } from "../../src/util/data-json.js";

/** The project's own bundled data in data/: persona bank, seed queries, strategy file, prompt templates. */

const dataPath = (name: string): string => fileURLToPath(new URL(`../../data/${name}`, import.meta.url));

const KEYED_DIMENSIONS = [
  "role",
  "seniority",
  "domain",
  "scenario",
  "tone_pref",
  "formality_level",
  "tech_proficiency",
  "query_length_pref",
  "follow_up_tendency",
  "time_sensitivity",
  "error_tolerance",
  "emoji_use",
  "typing_accuracy",
  "ai_familiarity",
  "explanation_depth",
  "detail_orientation",
  "feedback_style",
  "format_pref_primary",
  "length_pref",
  "age_band",
];

const ORDINAL_SCALES: Record<string, string[]> = {
  formality_level: ["very_casual", "casual", "neutral", "formal", "very_formal"],
  tech_proficiency: ["novice", "basic", "intermediate", "advanced", "expert"],
  query_length_pref: ["very_short", "short", "medium", "long"],
  follow_up_tendency: ["one_shot", "occasional", "iterative", "exhaustive"],
  time_sensitivity: ["relaxed", "normal", "urgent", "critical"],
};

const STRATEGIES: Record<(typeof LAYERS)[number], string[]> = {
  surface_noise: [
    "colloquial_speech",
    "incomplete_sentence",
    "typo_misspelling",
    "word_segmentation",
    "punctuation_format",
    "synonym_rewrite",
    "emotional_attitude",
    "negative_expression",
    "real_life_fragments",
  ],
  incomplete_info: ["missing_slots", "vague_slot_values", "context_dependency", "unclear_priority"],
  semantic_ambiguity: ["multi_intent", "intent_ambiguity", "self_contradiction", "mind_changing"],
};

const TEMPLATE_SLOTS: Record<string, string[]> = {
  "persona_to_system_prompt.txt": ["persona"],
  "query_style_transfer.txt": ["persona", "query", "target_length", "target_turns"],
  "query_style_transfer_partial.txt": ["persona", "query", "target_length", "target_turns"],
  "user_feedback.txt": [
    "persona",
    "conversation_history",
    "assistant_response",
    "current_turn",
    "target_turns",
  ],
  "intent_extraction.txt": ["text"],
  "noise_generation.txt": [
    "compressed_text",
    "intent",
    "layer_description",
    "slots",
    "strategies_description",
    "persona",
  ],
  "paraphrase.txt": ["text", "noise_type"],
  "judge_meaning.txt": ["original_query", "adapted_query"],
  "resolve_others.txt": ["dimension", "description", "known_values", "persona"],
};

const SNAKE_CASE = /^[a-z0-9]+(_[a-z0-9]+)*$/;

const bank = loadPersonaBank(dataPath("persona_bank.yaml"));
const domainValues = new Set(bank.dimensions.find((d) => d.name === "domain")?.values ?? []);

describe("bundled persona bank", () => {
  test("has 28-34 dimensions including every name the code keys on", () => {
    assert.ok(bank.dimensions.length >= 28 && bank.dimensions.length <= 34, `${bank.dimensions.length}`);
    const names = new Set(bank.dimensions.map((d) => d.name));
    for (const name of KEYED_DIMENSIONS) assert.ok(names.has(name), `missing dimension ${name}`);
  });

  test("marks 10-14 dimensions as constraints", () => {
    const constraints = bank.dimensions.filter((d) => d.is_constraint).length;
    assert.ok(constraints >= 10 && constraints <= 14, `${constraints} constraints`);
  });

  test("every dimension has a description and 3-20 snake_case values (domain may have more)", () => {
    for (const d of bank.dimensions) {
      assert.ok((d.description ?? "").length > 20, `${d.name} needs a description`);
      const max = d.name === "domain" ? 30 : 20;
      assert.ok(d.values.length >= 3 && d.values.length <= max, `${d.name} has ${d.values.length} values`);
      for (const v of d.values) assert.match(v, SNAKE_CASE, `${d.name}: ${v}`);
    }
  });

  test("role, domain and specialization offer an `others` value", () => {
    for (const name of ["role", "domain", "specialization"]) {
      const d = bank.dimensions.find((x) => x.name === name);
      assert.ok(d?.values.includes("others"), `${name} lacks others`);
    }
  });

  test("ordinal scales are ordinal and listed low to high", () => {
    for (const [name, values] of Object.entries(ORDINAL_SCALES)) {
      const d = bank.dimensions.find((x) => x.name === name);
      assert.equal(d?.type, "ordinal", name);
      assert.deepEqual(d?.values, values, name);
    }
  });
});

describe("bundled distractor strategy file", () => {
  const file = loadStrategyFile(dataPath("distractor_strategy.yaml"));

  test("uses the default layer weights", () => {
    assert.deepEqual(file.layer_weights, {
      surface_noise: 0.5,
      incomplete_info: 0.3,
      semantic_ambiguity: 0.2,
    });
    assert.equal(file.llm, undefined);
  });

  test("defines all 17 strategies, each with a description and 2-4 examples", () => {
    let count = 0;
    for (const layer of LAYERS) {
      assert.deepEqual(Object.keys(file.strategies[layer]).sort(), [...STRATEGIES[layer]].sort(), layer);
      for (const [name, strategy] of Object.entries(file.strategies[layer])) {
        count += 1;
        assert.ok(strategy.description, `${name} needs a description`);
        const examples = strategy.examples ?? [];
        assert.ok(examples.length >= 2 && examples.length <= 4, `${name} has ${examples.length} examples`);
        for (const example of examples) {
          assert.ok(typeof example === "string" && example.includes(" -> "), `${name}: ${String(example)}`);
        }
      }
    }
    assert.equal(count, 17);
  });
});

describe("bundled seed queries", () => {
  const lines = readFileSync(dataPath("seed_queries.jsonl"), "utf8").split("\n");
  const rows = lines
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as { id: string; domain: string; query: string });

  test("has at least 420 well-formed rows", () => {
    assert.ok(rows.length >= 420, `${rows.length} rows`);
    for (const row of rows) {
      assert.deepEqual(Object.keys(row).sort(), ["domain", "id", "query"]);
      assert.match(row.id, /^q\d{4}$/);
      assert.equal(typeof row.query, "string");
      assert.equal(row.query, row.query.trim());
      assert.ok(row.query.length >= 10, row.id);
      assert.doesNotMatch(row.query, /\[[A-Z][A-Z _]*\]|\bTODO\b|\bLorem\b/, row.id);
    }
  });

  test("ids and query texts are unique", () => {
    assert.equal(new Set(rows.map((r) => r.id)).size, rows.length);
    const normalise = (s: string): string =>
      s
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, " ")
        .trim();
    assert.equal(new Set(rows.map((r) => normalise(r.query))).size, rows.length);
  });

  test("covers at least 25 domains of the persona bank, each with at least 12 queries", () => {
    const perDomain = new Map<string, number>();
    for (const row of rows) perDomain.set(row.domain, (perDomain.get(row.domain) ?? 0) + 1);
    assert.ok(perDomain.size >= 25, `${perDomain.size} domains`);
    for (const [domain, count] of perDomain) {
      assert.ok(domainValues.has(domain), `domain ${domain} is not a value of the bank's domain dimension`);
      assert.ok(count >= 12, `${domain} has only ${count} queries`);
    }
  });
});

describe("bundled prompt templates", () => {
  for (const [file, slots] of Object.entries(TEMPLATE_SLOTS)) {
    test(`${file} uses exactly its slots`, () => {
      const text = readFileSync(dataPath(`prompts/${file}`), "utf8");
      for (const slot of slots) assert.ok(text.includes(`{${slot}}`), `${file} lacks {${slot}}`);
      const used = new Set([...text.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]));
      for (const slot of used) assert.ok(slot && slots.includes(slot), `${file} has unknown slot {${slot}}`);
    });
  }
});

describe("the offline engine's phrase tables (data/offline/)", () => {
  test("every file is JSON with an `about` saying what it holds, and each is read by the module that uses it", async () => {
    const files = readdirSync(fileURLToPath(new URL("../../data/offline/", import.meta.url))).sort();
    assert.deepEqual(files, [
      "assistant-replies.json",
      "jargon.json",
      "lexicon.json",
      "query-cues.json",
      "style-phrases.json",
      "style-rewrites.json",
      "system-prompt-phrases.json",
      "trait-labels.json",
      "user-lines.json",
    ]);
    for (const file of files) {
      const data = JSON.parse(readFileSync(dataPath(`offline/${file}`), "utf8")) as { about?: unknown };
      assert.equal(typeof data.about, "string", file);
      // Each module names its file: a table no module reads would be dead data.
      const users = sourcesNaming(file);
      assert.ok(users.length > 0, `${file} is read by no module`);
    }
  });

  test("a broken table fails at load, naming the file and the key", () => {
    assert.throws(
      () => loadDataJson(z.object({ about: z.number() }), "offline", "lexicon.json"),
      (error: unknown) =>
        error instanceof DataError &&
        /key about/.test(error.message) &&
        (error.where ?? "").endsWith("data/offline/lexicon.json"),
    );
  });

  test("the package ships them (package.json `files` holds data/)", () => {
    const pkg = JSON.parse(
      readFileSync(fileURLToPath(new URL("../../package.json", import.meta.url)), "utf8"),
    );
    assert.ok((pkg.files as string[]).includes("data"));
  });
});

function sourcesNaming(file: string): string[] {
  const root = fileURLToPath(new URL("../../src/", import.meta.url));
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts") && readFileSync(path, "utf8").includes(`"${file}"`))
        found.push(path);
    }
  };
  walk(root);
  return found;
}
