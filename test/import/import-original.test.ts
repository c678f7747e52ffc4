import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { importOriginalOutput } from "../../src/import/import-original.js";
import { TrainingSample } from "../../src/training/sample.js";
import { cli } from "../helpers/cli.js";
import { originalInteraction } from "../helpers/original-interactions.js";
import { originalPersonasOf, originalSamples, writeOriginalOutput } from "../helpers/original-output.js";
import { tempDir } from "../helpers/paths.js";

type Json = Record<string, unknown>;

/** Every line of every segment of a store folder with this prefix. */
function storeLines(dir: string, prefix: string): Json[] {
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith(".jsonl"))
    .sort()
    .flatMap((f) =>
      readFileSync(join(dir, f), "utf8")
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => JSON.parse(l) as Json),
    );
}

async function exportAll(store: string, out: string): Promise<Json[]> {
  const result = await cli(["export", "--store", store, "--out", out, "--no-split", "--no-timestamp"]);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(readFileSync(join(out, "train_samples.json"), "utf8")) as Json[];
}

test("import round-trips the original tool's 15 samples: every field kept, noisy versions surfaced, idempotent", async (t) => {
  const dir = tempDir(t);
  const source = join(dir, "original-output");
  const samples = originalSamples();
  assert.equal(samples.length, 15);
  const personas = originalPersonasOf(samples);
  writeOriginalOutput(source, { interactions: samples, personas });
  const out = join(dir, "store");

  const first = await cli(["import", source, "--out", out]);
  assert.equal(first.code, 0, first.stdout + first.stderr);
  assert.match(first.stdout, /interactions\s+15 imported, 0 already in the store, 0 skipped/);
  assert.match(
    first.stdout,
    new RegExp(
      `personas\\s+${personas.length} imported, 0 already in the store, 0 skipped \\(${personas.length} system prompts\\)`,
    ),
  );
  const generation = /\(generation (import_[0-9a-f]{12})\)/.exec(first.stdout)?.[1];
  assert.ok(generation, first.stdout);

  const exported = await exportAll(join(out, "interactions"), join(dir, "export"));
  assert.equal(exported.length, 15);
  const byId = new Map(exported.map((s) => [s.sample_id as string, s]));
  let noisyInitial = 0;
  let noisyTrajectories = 0;
  for (const original of samples) {
    const sample = byId.get(original.sample_id as string);
    assert.ok(sample, `${original.sample_id} exported under its own id`);
    // What TrainingSample.fromDict reads from the original (every field, noise surfaced), plus the
    // record's interaction id and its import fingerprint in the metadata.
    const expected = TrainingSample.fromDict(original).toDict();
    expected.metadata = {
      interaction_id: original.sample_id,
      ...(original.metadata as Json),
      generation,
    };
    assert.deepEqual(sample, expected);
    for (const [key, value] of Object.entries(original)) {
      if (key !== "metadata") assert.deepEqual(sample[key], value, key);
    }
    for (const [key, value] of Object.entries(original.metadata as Json))
      assert.deepEqual((sample.metadata as Json)[key], value, `metadata.${key}`);
    noisyInitial += (sample.noisy_initial_queries as unknown[]).length;
    noisyTrajectories += (sample.noisy_trajectories as unknown[]).length;
  }
  // The non-skipped noisy versions the original recorded under metadata.noisy_versions.
  assert.equal(noisyInitial, 2);
  assert.equal(noisyTrajectories, 6);

  // Personas and their system prompts are in the persona store, fingerprinted.
  const storedPersonas = storeLines(join(out, "personas"), "personas");
  assert.deepEqual(
    storedPersonas.map((p) => p.persona_id),
    personas.map((p) => p.persona_id),
  );
  for (const p of storedPersonas) assert.equal((p.metadata as Json).generation, generation);
  assert.equal(storeLines(join(out, "personas"), "prompts").length, personas.length);

  // A second import adds nothing.
  const second = await cli(["import", source, "--out", out]);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /interactions\s+0 imported, 15 already in the store, 0 skipped/);
  assert.match(second.stdout, new RegExp(`personas\\s+0 imported, ${personas.length} already in the store`));
  assert.equal(storeLines(join(out, "interactions"), "interactions").length, 15);
  assert.equal(storeLines(join(out, "personas"), "personas").length, personas.length);

  // Imported data lives beside generated data: a run on the same store exports both.
  const run = await cli(["run", "--personas", "2", "--out", out]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /exported 21 samples/);
});

test("Interaction-shaped files: index order and query ids, unindexed files taken, bad ones skipped with reasons", async (t) => {
  const dir = tempDir(t);
  const source = join(dir, "original-output");
  const records = [
    originalInteraction(0, "none"),
    originalInteraction(1, "semantic"),
    originalInteraction(2, "legacy"),
    originalInteraction(3, "none"),
  ];
  const ids = records.map((r) => r.interaction_id as string);
  const noReply = originalInteraction(4, "none");
  noReply.messages = (noReply.messages as Json[]).filter((m) => m.role === "user");
  writeOriginalOutput(source, {
    interactions: [...records, noReply],
    // The index lists them newest first, one that is missing, and not records[3] (written, never indexed).
    indexIds: [
      ids[2] as string,
      ids[1] as string,
      "interaction_gone",
      ids[0] as string,
      noReply.interaction_id as string,
    ],
    queryIds: { [ids[1] as string]: "query_1", [ids[2] as string]: "query_2" },
  });
  writeFileSync(
    join(source, "interactions", "interaction_torn.json"),
    '{"interaction_id": "interaction_torn", ',
  );
  writeFileSync(join(source, "interactions", "interaction_other.json"), JSON.stringify({ hello: "world" }));

  const out = join(dir, "store");
  const report = await importOriginalOutput(source, {
    interactions: join(out, "interactions"),
    personas: join(out, "personas"),
  });
  assert.equal(report.interactions.imported, 4);
  assert.equal(report.interactions.already, 0);
  const skipped = report.interactions.skipped;
  assert.deepEqual(
    skipped.map((s) => s.file),
    [
      "interactions/interaction_gone.json",
      `interactions/${noReply.interaction_id}.json`,
      "interactions/interaction_other.json",
      "interactions/interaction_torn.json",
    ],
  );
  assert.deepEqual(
    skipped.slice(0, 3).map((s) => s.reason),
    [
      "listed in index.json, but the file is missing",
      "interaction has no assistant reply",
      "neither an Interaction (interaction_id, messages) nor a TrainingSample (sample_id, full_conversation)",
    ],
  );
  assert.match(skipped[3]?.reason ?? "", /^not valid JSON \(.+\)$/);
  assert.equal(report.personas.imported, 0);

  // Stored in the original's order: its index first, then the unindexed file.
  const stored = storeLines(join(out, "interactions"), "interactions");
  assert.deepEqual(
    stored.map((r) => r.interaction_id),
    [ids[2], ids[1], ids[0], ids[3]],
  );
  const exported = new Map(
    (await exportAll(join(out, "interactions"), join(dir, "export"))).map((s) => [s.sample_id, s]),
  );
  // The original named a sample after its interaction; nulls are kept as written.
  const plain = exported.get(ids[0]) as Json;
  assert.deepEqual(plain.noisy_trajectories, []);
  assert.equal((plain.metadata as Json).noisy_versions, null);
  assert.equal((plain.metadata as Json).query_id, null);
  assert.equal((plain.metadata as Json).generation, report.generation);
  assert.deepEqual((exported.get(ids[0]) as Json).full_conversation, records[0]?.messages);
  const semantic = exported.get(ids[1]) as Json;
  assert.equal((semantic.metadata as Json).query_id, "query_1", "query_id from index.json");
  assert.deepEqual(semantic.noisy_trajectories, [
    {
      turn: 1,
      noisy_text: "can i make dish 1 day before??",
      noise_type: "surface_noise",
      applied_strategies: ["typo_misspelling"],
      noise_intensity: 1,
    },
  ]);
  assert.equal(((exported.get(ids[2]) as Json).noisy_trajectories as Json[])[0]?.noise_type, "typo");

  // The CLI says the same and exits 1 because files were skipped, one line each.
  const again = await cli(["import", source, "--out", out]);
  assert.equal(again.code, 1);
  assert.match(again.stdout, /interactions\s+0 imported, 4 already in the store, 4 skipped/);
  assert.equal(again.stderr.trim().split("\n").length, 4, again.stderr);
  assert.match(again.stderr, /^skipped interactions\/interaction_torn\.json: not valid JSON/m);
});

test("import: a directory that is not the original's output is one clear line, exit 2, nothing written", async (t) => {
  const dir = tempDir(t);
  const out = join(dir, "store");
  const missing = await cli(["import", join(dir, "nope"), "--out", out]);
  assert.equal(missing.code, 2);
  assert.match(
    missing.stderr,
    /^error: .*nope: no such directory \(pass the original tool's output directory/,
  );
  const empty = await cli(["import", dir, "--out", out]);
  assert.equal(empty.code, 2);
  assert.equal(empty.stderr.trim().split("\n").length, 1);
  assert.match(empty.stderr, /not an output directory of the original tool: no interactions\/ or personas\//);
  assert.deepEqual(readdirSync(dir), []);
});

test("persona files: JSON or YAML (the original's format: yaml), with their system prompts; a malformed one skipped", async (t) => {
  const dir = tempDir(t);
  const source = join(dir, "original-output");
  mkdirSync(join(source, "personas"), { recursive: true });
  writeFileSync(
    join(source, "personas", "persona_20260127_205415_1d6a223e32b5.yaml"),
    [
      "persona_id: persona_20260127_205415_1d6a223e32b5",
      "features:",
      "  role: engineer",
      "  age_band: '25_34'",
      "system_prompt: You help a pragmatic engineer.",
      "metadata:",
      "  num_features: 2",
      "  has_prompt: true",
    ].join("\n"),
  );
  writeFileSync(
    join(source, "personas", "persona_20260127_205418_3a06fc14496a.json"),
    JSON.stringify({
      persona_id: "persona_20260127_205418_3a06fc14496a",
      features: { age_band: 2534 },
      system_prompt: null,
    }),
  );
  writeFileSync(
    join(source, "personas", "persona_bad.json"),
    JSON.stringify({ persona_id: "persona_bad", features: { role: ["a", "b"] } }),
  );
  const out = join(dir, "store");
  const report = await importOriginalOutput(source, {
    interactions: join(out, "interactions"),
    personas: join(out, "personas"),
  });
  assert.equal(report.personas.imported, 2);
  assert.equal(report.system_prompts, 1, "a persona without a prompt has none stored");
  assert.deepEqual(report.personas.skipped, [
    { file: "personas/persona_bad.json", reason: 'feature "role" is not a single value' },
  ]);
  const stored = storeLines(join(out, "personas"), "personas");
  assert.deepEqual(stored[0], {
    persona_id: "persona_20260127_205415_1d6a223e32b5",
    features: { role: "engineer", age_band: "25_34" },
    metadata: { num_features: 2, has_prompt: true, generation: report.generation },
  });
  assert.deepEqual((stored[1] as Json).features, { age_band: 2534 }, "values kept as written");
  const prompts = storeLines(join(out, "personas"), "prompts");
  assert.deepEqual(
    prompts.map((p) => [p.persona_id, p.system_prompt]),
    [["persona_20260127_205415_1d6a223e32b5", "You help a pragmatic engineer."]],
  );
});
