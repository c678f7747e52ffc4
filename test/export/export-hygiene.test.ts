import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { EnhancedPersonaGenerationPipeline, exportDataset, fixedClock } from "../../src/index.js";
import { cli } from "../helpers/cli.js";
import { tempDir } from "../helpers/paths.js";
import { CLOCK, NOISY_CONFIG, sharedOfflineStore, storeSamples } from "./fixtures.js";

const shared = sharedOfflineStore(5);

const FIRST = fixedClock("2026-03-04T05:06:07Z");
const SECOND = fixedClock("2026-03-04T06:00:00Z");

function setOf(stamp: string): string[] {
  return [
    ...["train", "validation", "test"].flatMap((s) => [
      `${s}_samples_${stamp}.json`,
      `${s}_openai_${stamp}.jsonl`,
    ]),
    `parquet_${stamp}`,
    `statistics_${stamp}.json`,
    `token_usage_${stamp}.json`,
  ];
}

test("run twice with keep_exports: 1 leaves one set of files, and latest.json names them", async (t) => {
  const out = tempDir(t);
  const config = {
    ...NOISY_CONFIG,
    training_data: { formats: ["json", "parquet", "openai"], keep_exports: 1 },
  };
  await new EnhancedPersonaGenerationPipeline(config, { out, clock: FIRST, env: {} }).run({ numPersonas: 4 });
  const dir = join(out, "training_data");
  assert.deepEqual(readdirSync(dir).sort(), [...setOf("20260304_050607"), "latest.json"].sort());
  writeFileSync(join(dir, "notes.txt"), "mine");
  writeFileSync(join(dir, "train_samples_final.json"), "[]");
  const second = await new EnhancedPersonaGenerationPipeline(config, { out, clock: SECOND, env: {} }).run({
    numPersonas: 4,
  });
  assert.deepEqual(
    readdirSync(dir).sort(),
    [...setOf("20260304_060000"), "latest.json", "notes.txt", "train_samples_final.json"].sort(),
    "the older set is gone; files that are not exports are untouched",
  );
  assert.equal(second.training_data.manifest, join(dir, "latest.json"));
  const latest = JSON.parse(readFileSync(join(dir, "latest.json"), "utf8"));
  assert.equal(latest.total_samples, 12);
  assert.equal(latest.exported_at, "2026-03-04T06:00:00.000Z");
  assert.equal(latest.statistics, "statistics_20260304_060000.json");
  assert.equal(latest.token_usage, "token_usage_20260304_060000.json");
  assert.deepEqual(latest.formats.json.splits, {
    train: ["train_samples_20260304_060000.json"],
    validation: ["validation_samples_20260304_060000.json"],
    test: ["test_samples_20260304_060000.json"],
  });
  assert.equal(latest.formats.parquet.dir, "parquet_20260304_060000");
  assert.equal(latest.formats.parquet.card, "parquet_20260304_060000/README.md");
  const named = [
    latest.statistics,
    latest.token_usage,
    latest.formats.parquet.card,
    ...Object.values(latest.formats).flatMap((f) => Object.values((f as { splits: object }).splits).flat()),
  ] as string[];
  for (const file of named) assert.ok(existsSync(join(dir, file)), file);
  const counts = latest.samples_by_split as Record<string, number>;
  for (const split of ["train", "validation", "test"]) {
    const rows = JSON.parse(
      readFileSync(join(dir, `${split}_samples_20260304_060000.json`), "utf8"),
    ) as unknown[];
    assert.equal(rows.length, counts[split], split);
  }
});

test("without keep_exports every timestamped export stays", async (t) => {
  const dir = tempDir(t);
  for (const clock of [FIRST, SECOND]) {
    await exportDataset(storeSamples(shared.path), NOISY_CONFIG, {
      outputDir: dir,
      clock,
      formats: ["jsonl"],
      split: false,
    });
  }
  assert.deepEqual(readdirSync(dir).sort(), [
    "latest.json",
    "statistics_20260304_050607.json",
    "statistics_20260304_060000.json",
    "train_samples_20260304_050607.jsonl",
    "train_samples_20260304_060000.jsonl",
  ]);
});

test("--no-timestamp replaces the previous export in place, Parquet shards included", async (t) => {
  const dir = tempDir(t);
  await exportDataset(storeSamples(shared.path), NOISY_CONFIG, {
    outputDir: dir,
    clock: CLOCK,
    useTimestamp: false,
    split: false,
    formats: ["parquet"],
    parquet: { rowGroupBytes: 2_000, shardBytes: 6_000 },
  });
  assert.ok(readdirSync(join(dir, "parquet", "data")).length > 1);
  const { code, stdout, stderr } = await cli([
    "export",
    "--store",
    shared.path,
    "--out",
    dir,
    "--no-split",
    "--no-timestamp",
    "--format",
    "parquet",
  ]);
  assert.equal(code, 0, stderr);
  assert.deepEqual(readdirSync(join(dir, "parquet", "data")), ["train-00000-of-00001.parquet"]);
  assert.deepEqual(readdirSync(dir).sort(), ["latest.json", "parquet", "statistics.json"]);
  assert.match(stdout, /^exported 15 samples from 5 personas to /);
  assert.match(stdout, /^ {2}train +15 samples$/m);
  assert.match(stdout, /^ {2}parquet +parquet\/ \(README\.md \+ 1 Parquet file\)$/m);
  assert.match(stdout, /^ {2}latest +latest\.json$/m);
});

test("export --format repeated and comma-separated, --keep-exports from the command line", async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, "statistics_20200101_000000.json"), "{}");
  writeFileSync(join(dir, "train_samples_20200101_000000.json"), "[]");
  const { code, stdout, stderr } = await cli([
    "export",
    "--store",
    shared.path,
    "--out",
    dir,
    "--split",
    "--format",
    "json,sharegpt",
    "--format",
    "trajectories",
    "--keep-exports",
    "1",
  ]);
  assert.equal(code, 0, stderr);
  const names = readdirSync(dir);
  assert.ok(!names.includes("train_samples_20200101_000000.json"), "the older export was pruned");
  const latest = JSON.parse(readFileSync(join(dir, "latest.json"), "utf8"));
  assert.deepEqual(Object.keys(latest.formats), ["json", "sharegpt", "trajectories"]);
  assert.equal(names.length, 1 + 1 + 3 * 3, names.join(" "));
  assert.match(stdout, /pruned +2 older export files/);
  const bad = await cli(["export", "--store", shared.path, "--out", dir, "--format", "csv"]);
  assert.equal(bad.code, 2);
  assert.match(
    bad.stderr,
    /--format must be one of json, jsonl, parquet, openai, sharegpt, trajectories, got "csv"/,
  );
});

test("the run summary lists the samples per split and every format's files", async (t) => {
  const out = tempDir(t);
  const configPath = join(out, "config.yaml");
  writeFileSync(
    configPath,
    JSON.stringify({ training_data: { formats: ["jsonl", "openai"], use_timestamp: false } }),
  );
  const { code, stdout, stderr } = await cli([
    "run",
    "--config",
    configPath,
    "--personas",
    "4",
    "--out",
    out,
  ]);
  assert.equal(code, 0, stderr);
  const dir = join(out, "training_data");
  for (const split of ["train", "validation", "test"]) {
    const lines = readFileSync(join(dir, `${split}_samples.jsonl`), "utf8")
      .split("\n")
      .filter(Boolean).length;
    assert.match(stdout, new RegExp(`^ {2}${split} +${lines} samples$`, "m"));
  }
  assert.match(
    stdout,
    /^ {2}jsonl +train_samples\.jsonl {2}validation_samples\.jsonl {2}test_samples\.jsonl$/m,
  );
  assert.match(
    stdout,
    /^ {2}openai +train_openai\.jsonl {2}validation_openai\.jsonl {2}test_openai\.jsonl$/m,
  );
  assert.match(stdout, /^ {2}token usage +token_usage\.json$/m);
  assert.match(stdout, /^ {2}latest +latest\.json$/m);
});

test("keep_exports: 2 keeps the two newest of three exports", async (t) => {
  const dir = tempDir(t);
  const clocks = ["2026-03-04T05:00:00Z", "2026-03-04T06:00:00Z", "2026-03-04T07:00:00Z"].map(fixedClock);
  for (const clock of clocks) {
    await exportDataset(storeSamples(shared.path), NOISY_CONFIG, {
      outputDir: dir,
      clock,
      formats: ["jsonl"],
      split: false,
      keepExports: 2,
    });
  }
  assert.deepEqual(readdirSync(dir).sort(), [
    "latest.json",
    "statistics_20260304_060000.json",
    "statistics_20260304_070000.json",
    "train_samples_20260304_060000.jsonl",
    "train_samples_20260304_070000.jsonl",
  ]);
});
