import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { parse } from "yaml";
import { exportDataset, TrainingDataCollector, TrainingSample } from "../../src/index.js";
import { makeInteraction } from "../helpers/interactions.js";
import { tempDir } from "../helpers/paths.js";
import { CLOCK, NOISY_CONFIG, sharedOfflineStore, storeSamples } from "./fixtures.js";

// DuckDB is the independent reader: its own Parquet implementation (C++), nothing shared with the writer.
const shared = sharedOfflineStore(20);
let duck: Awaited<ReturnType<typeof DuckDBInstance.create>>;
let db: Awaited<ReturnType<Awaited<ReturnType<typeof DuckDBInstance.create>>["connect"]>>;
before(async () => {
  duck = await DuckDBInstance.create(":memory:");
  db = await duck.connect();
});
after(() => {
  db.closeSync();
  duck.closeSync();
});

async function query(sql: string): Promise<Array<Record<string, unknown>>> {
  return (await db.runAndReadAll(sql)).getRowObjectsJson() as Array<Record<string, unknown>>;
}

type Sample = Record<string, unknown> & {
  sample_id: string;
  persona_features: Record<string, unknown>;
  full_conversation: Array<{ role: string; content: string }>;
  noisy_initial_queries: Array<Record<string, unknown>>;
  noisy_trajectories: Array<Record<string, unknown>>;
};

/** A noisy version as the Parquet struct holds it: every member present, null when absent. */
function noisyStruct(v: Record<string, unknown>): Record<string, unknown> {
  const edits = v.edits as Array<Record<string, unknown>> | undefined;
  return {
    ...(v.turn === undefined ? {} : { turn: v.turn }),
    noisy_text: v.noisy_text,
    noise_type: v.noise_type,
    noise_intensity: v.noise_intensity ?? null,
    applied_strategies: v.applied_strategies,
    layer: v.layer ?? null,
    edits:
      edits?.map((e) => ({ strategy: e.strategy, position: e.position, before: e.before, after: e.after })) ??
      null,
  };
}

/** The DuckDB type a card feature must have. */
function duckType(feature: Record<string, unknown>): string {
  if (typeof feature.dtype === "string")
    return { string: "VARCHAR", int32: "INTEGER", float64: "DOUBLE" }[feature.dtype] ?? feature.dtype;
  if (feature.struct) return struct(feature.struct as Array<Record<string, unknown>>);
  const item = feature.list;
  if (typeof item === "string") return `${duckType({ dtype: item })}[]`;
  if (Array.isArray(item)) return `${struct(item as Array<Record<string, unknown>>)}[]`;
  return `${duckType(item as Record<string, unknown>)}[]`;
}
function struct(members: Array<Record<string, unknown>>): string {
  return `STRUCT(${members.map((m) => `${m.name} ${duckType(m)}`).join(", ")})`;
}

test("parquet: read back by DuckDB, same rows per split as the JSON export, nested structure intact", async (t) => {
  const dir = tempDir(t);
  const result = await exportDataset(storeSamples(shared.path), NOISY_CONFIG, {
    outputDir: dir,
    clock: CLOCK,
    useTimestamp: false,
    split: true,
    formats: ["json", "parquet"],
  });
  const data = join(dir, "parquet", "data");
  let edits = 0;
  let nonEmpty = 0;
  for (const split of ["train", "validation", "test"] as const) {
    const json = JSON.parse(readFileSync(join(dir, `${split}_samples.json`), "utf8")) as Sample[];
    const shards = readdirSync(data).filter((f) => f.startsWith(`${split}-`));
    if (json.length === 0) {
      // An empty split has no Parquet file (and no entry in the card).
      assert.deepEqual(shards, []);
      continue;
    }
    nonEmpty++;
    assert.deepEqual(shards, [`${split}-00000-of-00001.parquet`]);
    const rows = await query(`select * from read_parquet('${data}/${split}-*.parquet')`);
    assert.equal(rows.length, json.length, split);
    for (const [i, row] of rows.entries()) {
      const sample = json[i] as Sample;
      assert.equal(row.sample_id, sample.sample_id);
      assert.equal(row.persona_id, sample.persona_id);
      assert.equal(row.original_query, sample.original_query);
      assert.equal(row.initial_query, sample.initial_query);
      assert.equal(row.num_turns, sample.num_turns);
      assert.deepEqual(row.prompt_trajectory, sample.prompt_trajectory);
      assert.deepEqual(
        row.full_conversation,
        sample.full_conversation.map((m) => ({ role: m.role, content: m.content })),
      );
      const features = row.persona_features as Record<string, unknown>;
      for (const [k, v] of Object.entries(features)) {
        const expected = sample.persona_features[k];
        assert.equal(v, expected === undefined || expected === null ? null : String(expected), k);
      }
      assert.deepEqual(row.noisy_initial_queries, sample.noisy_initial_queries.map(noisyStruct));
      assert.deepEqual(row.noisy_trajectories, sample.noisy_trajectories.map(noisyStruct));
      assert.deepEqual(JSON.parse(row.metadata as string), sample.metadata);
      for (const v of [...sample.noisy_initial_queries, ...sample.noisy_trajectories])
        edits += ((v.edits as unknown[] | undefined) ?? []).length;
    }
  }
  assert.ok(nonEmpty >= 2, "the persona split put samples in at least two splits");
  assert.ok(edits > 0, "rule edits were exported as nested structs");
  assert.deepEqual(result.formats.parquet?.card, join(dir, "parquet", "README.md"));
  const codecs = await query(`select distinct compression from parquet_metadata('${data}/*.parquet')`);
  assert.deepEqual(codecs, [{ compression: "SNAPPY" }]);
});

test("the dataset card's YAML matches the files: data files, features and num_examples per split", async (t) => {
  const dir = tempDir(t);
  await exportDataset(storeSamples(shared.path), NOISY_CONFIG, {
    outputDir: dir,
    clock: CLOCK,
    useTimestamp: false,
    split: true,
    formats: ["parquet"],
  });
  const text = readFileSync(join(dir, "parquet", "README.md"), "utf8");
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  assert.ok(match, "YAML front matter between --- lines");
  const card = parse(match[1] as string) as {
    license: string;
    language: string[];
    task_categories: string[];
    size_categories: string[];
    configs: Array<{ config_name: string; data_files: Array<{ split: string; path: string }> }>;
    dataset_info: {
      features: Array<Record<string, unknown>>;
      splits: Array<{ name: string; num_examples: number }>;
    };
  };
  assert.equal(card.license, "unknown");
  assert.deepEqual(card.language, ["en"]);
  assert.deepEqual(card.task_categories, ["text-generation"]);
  assert.deepEqual(card.size_categories, ["n<1K"]);
  assert.equal(card.configs[0]?.config_name, "default");
  const data = join(dir, "parquet");
  for (const { split, path } of card.configs[0]?.data_files ?? []) {
    const counted = await query(`select count(*)::INTEGER as n from read_parquet('${join(data, path)}')`);
    const declared = card.dataset_info.splits.find((s) => s.name === split)?.num_examples;
    assert.equal(counted[0]?.n, declared, split);
  }
  const statistics = JSON.parse(readFileSync(join(dir, "statistics.json"), "utf8"));
  assert.deepEqual(
    card.dataset_info.splits,
    Object.entries(statistics.samples_by_split)
      .filter(([, n]) => (n as number) > 0)
      .map(([name, n]) => ({ name, num_examples: n })),
  );
  assert.deepEqual(
    card.configs[0]?.data_files.map((f) => f.split),
    card.dataset_info.splits.map((s) => s.name),
  );
  const described = await query(`describe select * from read_parquet('${data}/data/train-*.parquet')`);
  assert.deepEqual(
    card.dataset_info.features.map((f) => [f.name, duckType(f)]),
    // DuckDB quotes the member names that are SQL keywords; the comparison ignores quotes.
    described.map((c) => [c.column_name, String(c.column_type).replaceAll('"', "")]),
  );
  assert.ok(
    described.some(
      (c) =>
        c.column_name === "full_conversation" &&
        c.column_type === 'STRUCT("role" VARCHAR, "content" VARCHAR)[]',
    ),
  );
  // The body says how the data was made, and that the offline engine made it.
  assert.match(
    text,
    /Made by the offline engine\.\*\* Generated by the offline engine: for tests and demos, not for training/,
  );
  assert.match(text, /\*\*Seed \(configuration\):\*\* 42/);
  assert.match(text, /\*\*Samples:\*\* 60 from 20 personas \(train \d+/);
  assert.match(text, /\*\*Assistant models \(counted in the samples\):\*\* offline\/offline-v1 60/);
  assert.match(text, /\*\*Noise:\*\* semantic three-layer distractor, activation probability 1/);
});

test("parquet shards by size: several row groups and files, named -of-N, all read back", async (t) => {
  const dir = tempDir(t);
  await exportDataset(storeSamples(shared.path), NOISY_CONFIG, {
    outputDir: dir,
    clock: CLOCK,
    useTimestamp: false,
    split: false,
    formats: ["parquet"],
    parquet: { rowGroupBytes: 4_000, shardBytes: 12_000 },
  });
  const data = join(dir, "parquet", "data");
  const files = readdirSync(data).sort();
  assert.ok(files.length > 1, `${files.length} shards`);
  for (const [i, f] of files.entries()) {
    assert.equal(
      f,
      `train-${String(i).padStart(5, "0")}-of-${String(files.length).padStart(5, "0")}.parquet`,
    );
  }
  const counted = await query(`select count(*)::INTEGER as n from read_parquet('${data}/*.parquet')`);
  assert.equal(counted[0]?.n, 60);
  const groups = await query(
    `select count(distinct (file_name, row_group_id))::INTEGER as n from parquet_metadata('${data}/*.parquet')`,
  );
  assert.ok((groups[0]?.n as number) > files.length, "more row groups than files");
  const ids = await query(`select sample_id from read_parquet('${data}/*.parquet')`);
  assert.equal(new Set(ids.map((r) => r.sample_id)).size, 60);
});

test("an empty split has no Parquet file and no place in the card; the card's license and language are configurable", async (t) => {
  const dir = tempDir(t);
  const collector = new TrainingDataCollector();
  const samples = [1, 2, 3].map((n) => {
    const dict = collector
      .interactionToTrainingSample(makeInteraction(n, { personaId: "persona_only" }))
      .toDict();
    return TrainingSample.fromDict({
      ...dict,
      metadata: { ...dict.metadata, assistant_model: { provider: "openai", model: "gpt-4o-mini" } },
    });
  });
  const config = { training_data: { card: { license: "mit", language: ["en", "de"], pretty_name: "Demo" } } };
  await exportDataset(samples, config, {
    outputDir: dir,
    formats: ["parquet"],
    split: true,
    useTimestamp: false,
  });
  const only = readdirSync(join(dir, "parquet", "data"));
  assert.equal(only.length, 1);
  const split = only[0]?.split("-")[0] as string;
  const text = readFileSync(join(dir, "parquet", "README.md"), "utf8");
  const card = parse(/^---\n([\s\S]*?)\n---\n/.exec(text)?.[1] as string);
  assert.deepEqual(card.dataset_info.splits, [{ name: split, num_examples: 3 }]);
  assert.deepEqual(card.configs[0].data_files, [{ split, path: `data/${split}-*` }]);
  assert.equal(card.license, "mit");
  assert.deepEqual(card.language, ["en", "de"]);
  assert.equal(card.pretty_name, "Demo");
  assert.match(text, /^# Demo$/m);
  assert.doesNotMatch(text, /offline engine/, "no sample came from the offline engine");
  assert.match(text, /\*\*Assistant models \(counted in the samples\):\*\* openai\/gpt-4o-mini 3/);
});

test("a source that fails half-way leaves nothing behind: no file, no Parquet directory, no staging", async (t) => {
  const dir = tempDir(t);
  const collector = new TrainingDataCollector();
  async function* failing() {
    yield collector.interactionToTrainingSample(makeInteraction(1));
    throw new Error("the store broke");
  }
  await assert.rejects(
    exportDataset(() => failing(), undefined, { outputDir: dir, formats: ["json", "parquet", "openai"] }),
    /the store broke/,
  );
  assert.deepEqual(readdirSync(dir), []);
});
