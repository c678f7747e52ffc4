// Helpers of the distributed end-to-end tests: the in-process reference run, worker and coordinator
// processes, and the comparison of a distributed run's output with the reference's.
import assert from "node:assert/strict";
import { join } from "node:path";
import type { FakeLlmServer } from "../helpers/fake-llm-server.js";
import { tempDir } from "../helpers/paths.js";
import {
  type CliChild,
  type CliResult,
  exportedSamples,
  latestExport,
  readStoreLines,
  runArgs,
  runCli,
  spawnCli,
  startDeterministicFake,
  writeConfig,
} from "./harness.js";

export const PERSONAS = 12;
export const EXPECTED = PERSONAS * 3;
/** Per call: long enough that a kill lands while workers hold items, short enough for a quick test. */
const LATENCY_MS = 40;
/**
 * The reference run's and the coordinators' clock, frozen (SOURCE_DATE_EPOCH): their sample files
 * are then compared byte for byte. Workers run without it: what they make carries the coordinator's
 * clock, shipped with each item.
 */
export const FROZEN_CLOCK = { SOURCE_DATE_EPOCH: "1767225600" };

type TestContext = Parameters<typeof tempDir>[0];

export interface Reference {
  server: FakeLlmServer;
  config: string;
  export: Record<string, string>;
  summary: { api: number; tokensIn: string };
}

/** The in-process run every distributed run is compared with (same config, seed and answers). */
export async function reference(t: TestContext): Promise<Reference> {
  const server = await startDeterministicFake({ latencyMs: LATENCY_MS });
  t.after(() => server.close());
  const dir = tempDir(t, "personasynth-dist-");
  const config = writeConfig(dir, server.url);
  const out = join(dir, "reference");
  const result = await runCli(runArgs(config, String(PERSONAS), out), FROZEN_CLOCK);
  assert.equal(result.code, 0, result.stderr);
  return { server, config, export: latestExport(join(out, "training_data")), summary: summaryOf(result) };
}

/** The calls line of a run's summary: `calls N (api A, cached C), tokens X in / Y out`. */
export function summaryOf(result: CliResult): { api: number; tokensIn: string } {
  const m = /calls \d+ \(api (\d+), cached \d+\), tokens (\S+) in/.exec(result.stdout);
  assert.ok(m, `no calls line in:\n${result.stdout}`);
  return { api: Number(m[1]), tokensIn: m[2] as string };
}

/** Starts a worker and waits until it takes items. */
export async function startWorker(
  t: TestContext,
  args: { url: string; queue: string; config: string; name: string; dir: string },
): Promise<CliChild> {
  const worker = spawnCli([
    "worker",
    "--redis-url",
    args.url,
    "--queue",
    args.queue,
    "--config",
    args.config,
    "--concurrency",
    "3",
    "--name",
    args.name,
    "--out",
    join(args.dir, args.name),
    "--lock-duration",
    "2000",
  ]);
  t.after(() => {
    worker.child.kill("SIGKILL");
  });
  let stderr = "";
  await new Promise<void>((resolve, reject) => {
    worker.child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes("taking items")) resolve();
    });
    worker.done.then((r) => reject(new Error(`worker ${args.name} ended: ${r.stderr}`)), reject);
  });
  return worker;
}

export function coordinatorArgs(config: string, url: string, queue: string, out: string): string[] {
  return [
    "run",
    "--backend",
    "redis",
    "--redis-url",
    url,
    "--queue",
    queue,
    "--config",
    config,
    "--personas",
    String(PERSONAS),
    "--out",
    out,
  ];
}

/** Resolves once the fake server has received `count` more requests. */
export function afterRequests(server: FakeLlmServer, count: number): Promise<void> {
  const target = server.requests.length + count;
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (server.requests.length >= target) {
        clearInterval(poll);
        resolve();
      }
    }, 5);
  });
}

/** Exactly the planned samples, each once, every store line whole and unique, the reference's files byte for byte. */
export function assertSameAsReference(out: string, ref: Reference): void {
  const files = latestExport(join(out, "training_data"));
  const samples = exportedSamples(files);
  assert.equal(samples.length, EXPECTED);
  assert.equal(new Set(samples.map((s) => s.sample_id)).size, EXPECTED, "duplicate sample ids");
  const stored = readStoreLines(join(out, "interactions"));
  assert.equal(stored.length, EXPECTED, "each interaction stored exactly once");
  assert.equal(new Set(stored.map((r) => r.interaction_id)).size, EXPECTED);
  const queries = readStoreLines(join(out, "queries"), "queries");
  assert.equal(new Set(queries.map((r) => r.query_id)).size, queries.length, "a query record stored twice");
  assert.deepEqual(Object.keys(files).sort(), Object.keys(ref.export).sort());
  for (const split of Object.keys(ref.export))
    assert.equal(files[split], ref.export[split], `${split} split differs from the in-process run`);
}
