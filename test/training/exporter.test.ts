import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { test } from "node:test";
import { TrainingDataCollector } from "../../src/training/collector.js";
import { TrainingDataExporter } from "../../src/training/exporter.js";
import { TrainingSample } from "../../src/training/sample.js";
import { SplitAssigner } from "../../src/training/split.js";
import { OFFLINE_NOTICE } from "../../src/training/statistics.js";
import { fixedClock } from "../../src/util/clock.js";
import { makeInteraction } from "../helpers/interactions.js";
import { tempDir } from "../helpers/paths.js";

const clock = fixedClock("2026-02-06T12:34:56Z");

function samples(count: number, personas = 40): TrainingSample[] {
  return new TrainingDataCollector().collectFromInteractions(
    Array.from({ length: count }, (_, i) =>
      makeInteraction(i, { personaId: `persona_${i % personas}`, turns: 1 + (i % 4), noisy: i % 4 === 0 }),
    ),
  );
}

test("export without split writes train_samples_<timestamp>.json that reads back identically", async (t) => {
  const dir = tempDir(t);
  const exporter = new TrainingDataExporter({}, { clock, outputDir: dir });
  const list = samples(10);
  const files = await exporter.exportSamples(list, { split: false, useTimestamp: true });
  assert.deepEqual(Object.keys(files), ["train"]);
  assert.equal(basename(files.train), "train_samples_20260206_123456.json");
  const back = JSON.parse(readFileSync(files.train, "utf8")) as unknown[];
  assert.deepEqual(
    back,
    list.map((s) => s.toDict()),
  );
  assert.deepEqual(
    back.map((d) => TrainingSample.fromDict(d).toDict()),
    back,
  );
  assert.deepEqual(readdirSync(dir), ["train_samples_20260206_123456.json"], "no temp files left behind");
});

test("split export: three files, grouped by persona, ratios kept, deterministic", async (t) => {
  const dir = tempDir(t);
  const exporter = new TrainingDataExporter({}, { clock, outputDir: dir });
  const list = samples(2000, 400);
  const files = await exporter.exportSamples(list, { split: true, useTimestamp: false });
  assert.deepEqual(Object.keys(files), ["train", "validation", "test"]);
  assert.equal(basename(files.validation ?? ""), "validation_samples.json");
  const read = (p: string | undefined) =>
    JSON.parse(readFileSync(p ?? "", "utf8")) as Array<{ persona_id: string }>;
  const parts = { train: read(files.train), validation: read(files.validation), test: read(files.test) };
  assert.equal(parts.train.length + parts.validation.length + parts.test.length, 2000);
  const owner = new Map<string, string>();
  for (const [name, part] of Object.entries(parts)) {
    for (const s of part) {
      assert.equal(owner.get(s.persona_id) ?? name, name, `${s.persona_id} in two splits`);
      owner.set(s.persona_id, name);
    }
  }
  // 400 personas, 5 samples each: each split within one persona of its share.
  assert.ok(Math.abs(parts.train.length - 1600) <= 5, `train ${parts.train.length}`);
  assert.ok(Math.abs(parts.validation.length - 200) <= 5, `validation ${parts.validation.length}`);
  const again = await exporter.exportSamples(list, { split: true, useTimestamp: false });
  assert.equal(readFileSync(again.test ?? "", "utf8"), JSON.stringify(parts.test, null, 2).concat("\n"));
});

test("splits: no split is empty from 3 personas on; shares stay within 5 points at 20 and 180 personas", () => {
  const ratios = { train: 0.8, validation: 0.1, test: 0.1 };
  for (const seed of ["a", "b", "c", "d"]) {
    const assigner = new SplitAssigner(ratios);
    for (let i = 0; i < 180; i++) {
      assigner.splitOf(`persona_${seed}_${i}`);
      const k = i + 1;
      const counts = assigner.personaCounts;
      if (k >= 3) assert.ok(counts.train > 0 && counts.validation > 0 && counts.test > 0, `${seed} at ${k}`);
      if (k === 20 || k === 180) {
        for (const [split, ratio] of Object.entries(ratios)) {
          const share = counts[split as keyof typeof counts] / k;
          assert.ok(Math.abs(share - ratio) <= 0.05, `${seed}: ${split} ${share} at ${k}`);
        }
      }
    }
  }
  const onlyTrain = new SplitAssigner({ train: 1, validation: 0, test: 0 });
  for (let i = 0; i < 10; i++) assert.equal(onlyTrain.splitOf(`p${i}`), "train");
});

test("split assignment is stable when samples are added later", () => {
  const ratios = { train: 0.8, validation: 0.1, test: 0.1 };
  const first = new SplitAssigner(ratios);
  const before = Array.from({ length: 500 }, (_, i) => first.splitOf(`persona_${i}`));
  const second = new SplitAssigner(ratios);
  const after = Array.from({ length: 1000 }, (_, i) => second.splitOf(`persona_${i}`)).slice(0, 500);
  assert.deepEqual(after, before);
  assert.equal(second.splitOf("persona_3"), before[3], "a persona seen again keeps its split");
});

test("statistics carry the seed's fields plus the additions", async (t) => {
  const dir = tempDir(t);
  const exporter = new TrainingDataExporter({}, { clock, outputDir: dir });
  const list = samples(8, 4);
  const stats = exporter.computeStatistics(list);
  assert.equal(stats.total_samples, 8);
  assert.equal(stats.avg_turns, (1 + 2 + 3 + 4 + 1 + 2 + 3 + 4) / 8);
  assert.equal(stats.avg_trajectory_length, stats.avg_turns);
  assert.equal(stats.min_turns, 1);
  assert.equal(stats.max_turns, 4);
  assert.equal(stats.unique_personas, 4);
  assert.equal(stats.total_user_prompts, 20);
  assert.deepEqual(stats.distractor_stats.samples_with_noise, 2);
  // Two noisy samples, each with a noisy initial query and a noisy follow-up: 4 of 20 prompts.
  assert.equal(stats.distractor_stats.noisy_prompts, 4);
  assert.equal(stats.distractor_stats.noise_rate, 0.2);
  assert.equal(stats.distractor_stats.sample_noise_rate, 0.25);
  // Personas counted once each (by their first sample's role), not once per sample.
  assert.deepEqual(stats.persona_distribution, { engineer: 2, designer: 1, student: 1 });
  assert.equal(
    stats.samples_by_split.train + stats.samples_by_split.validation + stats.samples_by_split.test,
    8,
  );
  assert.equal(stats.created_at, "2026-02-06T12:34:56.000Z");
  const file = await exporter.exportStatistics(list, { useTimestamp: true });
  assert.equal(basename(file), "statistics_20260206_123456.json");
  assert.deepEqual(JSON.parse(readFileSync(file, "utf8")), stats);
});

test("statistics say the offline engine's data is for tests and demos, only when a sample came from it", () => {
  const exporter = new TrainingDataExporter({}, { clock, outputDir: "/nonexistent" });
  const interactions = Array.from({ length: 4 }, (_, i) => makeInteraction(i, { personaId: `p${i}` }));
  const online = interactions.map((x) => ({
    ...x,
    metadata: { ...x.metadata, assistant_model: { provider: "openai", model: "gpt-4o-mini" } },
  }));
  const collect = (list: typeof interactions) => new TrainingDataCollector().collectFromInteractions(list);
  assert.equal(exporter.computeStatistics(collect(online)).offline_engine, undefined);
  assert.equal(
    exporter.computeStatistics(collect([...online, ...interactions.slice(0, 1)])).offline_engine,
    OFFLINE_NOTICE,
  );
  assert.equal(OFFLINE_NOTICE, "generated by the offline engine: for tests and demos, not for training");
});

test("empty input gives valid empty files and zeroed statistics", async (t) => {
  const dir = tempDir(t);
  const exporter = new TrainingDataExporter({}, { clock, outputDir: dir });
  const result = await exporter.exportAll([], { split: true, useTimestamp: false });
  for (const path of Object.values(result.sample_files))
    assert.deepEqual(JSON.parse(readFileSync(path, "utf8")), []);
  const s = result.statistics;
  assert.equal(s.total_samples, 0);
  assert.equal(s.avg_turns, 0);
  assert.equal(s.min_turns, 0);
  assert.equal(s.distractor_stats.noise_rate, 0);
  assert.deepEqual(s.persona_distribution, {});
});

test("JSONL export streams from an async source, one sample per line", async (t) => {
  const dir = tempDir(t);
  const exporter = new TrainingDataExporter(
    { training_data: { output_format: "jsonl" } },
    { clock, outputDir: dir },
  );
  const list = samples(50);
  async function* stream() {
    for (const s of list) yield s;
  }
  const files = await exporter.exportSamples(stream(), { useTimestamp: false });
  assert.equal(basename(files.train), "train_samples.jsonl");
  const lines = readFileSync(files.train, "utf8").trimEnd().split("\n");
  assert.equal(lines.length, 50);
  assert.deepEqual(JSON.parse(lines[7] ?? ""), list[7]?.toDict());
});

test("a failing source leaves no file behind (atomic writes)", async (t) => {
  const dir = tempDir(t);
  const exporter = new TrainingDataExporter({}, { clock, outputDir: join(dir, "out") });
  async function* broken() {
    yield samples(1)[0] as TrainingSample;
    throw new Error("source died");
  }
  await assert.rejects(exporter.exportSamples(broken(), { split: true }), /source died/);
  assert.deepEqual(readdirSync(join(dir, "out")), []);
});

test("the same samples export to byte-identical files", async (t) => {
  const a = tempDir(t);
  const b = tempDir(t);
  const list = samples(30);
  const fa = await new TrainingDataExporter({}, { clock, outputDir: a }).exportSamples(list, {
    split: true,
    useTimestamp: false,
  });
  const fb = await new TrainingDataExporter({}, { clock, outputDir: b }).exportSamples(list, {
    split: true,
    useTimestamp: false,
  });
  for (const key of ["train", "validation", "test"] as const) {
    assert.equal(readFileSync(fa[key] ?? "", "utf8"), readFileSync(fb[key] ?? "", "utf8"));
  }
});
