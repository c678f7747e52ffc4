// Issue 6: same config + seed ⇒ byte-identical samples, whatever the concurrency and the order in which
// the server answers. Every run is in a fresh directory (so a fresh response cache): the data come from
// the fake again each time, whose answers depend only on the request content.
import assert from "node:assert/strict";
import { utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { stringify } from "yaml";
import { tempDir } from "../helpers/paths.js";
import {
  exportedSamples,
  latestExport,
  readStoreLines,
  runArgs,
  runCli,
  startDeterministicFake,
  withoutTimestamps,
  writeConfig,
} from "./harness.js";

const PERSONAS = 10;

test("same seed in fresh directories with --concurrency 16 (default) / 1 / 64: byte-identical samples (created_at aside)", async (t) => {
  // Jittered latency: answers come back in a different order on every run.
  const server = await startDeterministicFake({ latencyMs: 2, latencyJitterMs: 10 });
  t.after(() => server.close());

  const runs: Array<{ label: string; files: Record<string, string>; store: string }> = [];
  for (const [label, extra] of [
    ["default concurrency (16)", []],
    ["--concurrency 1", ["--concurrency", "1"]],
    ["--concurrency 64", ["--concurrency", "64"]],
  ] as const) {
    const dir = tempDir(t, "personasynth-e2e-");
    const out = join(dir, "out");
    const result = await runCli(runArgs(writeConfig(dir, server.url), String(PERSONAS), out, ...extra));
    assert.equal(result.code, 0, `${label}: ${result.stderr}`);
    t.diagnostic(`${label}: ${Math.round(result.ms)} ms`);
    const files = latestExport(join(out, "training_data"));
    const store = readStoreLines(join(out, "interactions"))
      .map((r) => JSON.stringify(r))
      .join("\n");
    runs.push({ label, files, store });
  }

  const [reference, ...others] = runs;
  assert.ok(reference);
  assert.deepEqual(Object.keys(reference.files), ["train", "validation", "test"]);
  const samples = exportedSamples(reference.files);
  assert.equal(samples.length, PERSONAS * 3);
  assert.ok(
    Object.values(reference.files).filter((text) => (JSON.parse(text) as unknown[]).length > 0).length >= 2,
    "the persona split puts samples in more than one file",
  );
  // Only `created_at` (a wall-clock timestamp inside metadata) may differ between runs: prove the
  // files do carry it, then compare everything else byte for byte.
  assert.match(reference.files.train ?? "", /"created_at"/);
  for (const run of others) {
    for (const split of ["train", "validation", "test"]) {
      assert.equal(
        withoutTimestamps(run.files[split] ?? ""),
        withoutTimestamps(reference.files[split] ?? ""),
        `${run.label}: ${split} differs from ${reference.label}`,
      );
    }
    assert.equal(
      withoutTimestamps(run.store),
      withoutTimestamps(reference.store),
      `${run.label}: the interactions store differs (content or order)`,
    );
  }
});

test("another seed gives other samples (the comparison above is not vacuous)", async (t) => {
  const server = await startDeterministicFake();
  t.after(() => server.close());
  const texts: string[] = [];
  for (const seed of [7, 8]) {
    const dir = tempDir(t, "personasynth-e2e-");
    const out = join(dir, "out");
    const result = await runCli([
      "run",
      "--config",
      writeConfig(dir, server.url),
      "--personas",
      "2",
      "--seed",
      String(seed),
      "--out",
      out,
    ]);
    assert.equal(result.code, 0, result.stderr);
    const files = latestExport(join(out, "training_data"));
    texts.push(withoutTimestamps(Object.values(files).join("\n")));
    assert.equal(readStoreLines(join(out, "interactions")).length, 6);
  }
  assert.notEqual(texts[0], texts[1]);
});

/** 40 seed queries in `dir/queries.jsonl` and an offline config using them; returns the config path. */
function offlineProject(dir: string): string {
  const rows = Array.from({ length: 40 }, (_, i) =>
    JSON.stringify({ id: `r${i}`, query: `How do I solve everyday problem number ${i} at home?` }),
  );
  writeFileSync(join(dir, "queries.jsonl"), `${rows.join("\n")}\n`);
  const config = join(dir, "config.yaml");
  writeFileSync(
    config,
    stringify({
      paths: { query_datasets: [{ path: "queries.jsonl", name: "mine" }] },
      experiment: { seed: 11 },
    }),
  );
  return config;
}

async function offlineSamples(config: string, out: string): Promise<string> {
  const result = await runCli(runArgs(config, 3, out));
  assert.equal(result.code, 0, result.stderr);
  return withoutTimestamps(Object.values(latestExport(join(out, "training_data"))).join("\n"));
}

test("the same seed dataset at another path, or merely touched, gives the same samples", {}, async (t) => {
  // The same queries, byte for byte, in two directories; the offline engine (no server needed).
  const a = tempDir(t, "personasynth-e2e-");
  const b = tempDir(t, "personasynth-e2e-");
  const configA = offlineProject(a);
  const configB = offlineProject(b);
  utimesSync(join(b, "queries.jsonl"), new Date("2024-01-01"), new Date("2024-01-01"));
  const first = await offlineSamples(configA, join(a, "out"));
  assert.equal(await offlineSamples(configB, join(b, "out")), first, "another path: other samples");
  utimesSync(join(a, "queries.jsonl"), new Date("2025-06-01"), new Date("2025-06-01"));
  assert.equal(
    await offlineSamples(configA, join(a, "out-touched")),
    first,
    "same file touched: other samples",
  );
});

test("the same command after the seed dataset was touched (content unchanged) resumes its run, not a new one", {}, async (t) => {
  const dir = tempDir(t, "personasynth-e2e-");
  const config = offlineProject(dir);
  const out = join(dir, "out");
  const args = runArgs(config, 3, out);
  const first = await runCli(args);
  assert.equal(first.code, 0, first.stderr);
  utimesSync(join(dir, "queries.jsonl"), new Date("2025-06-01"), new Date("2025-06-01"));
  const again = await runCli(args);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /\(resumed\)/);
  assert.equal(exportedSamples(latestExport(join(out, "training_data"))).length, 9);
});
