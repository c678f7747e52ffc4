// `npm run bench -- distributed`: one endpoint that takes 64 calls at once (the fake server answers
// 429 above that; the config declares max_concurrency: 64), run through `run --backend redis` by 1
// worker and then by 3 workers, each capped at 32 calls in flight (`worker --concurrency 32`). One
// worker can use 32 of the endpoint's slots, three are held to its 64 together by the shared limit:
// the throughput ratio the endpoint allows is 2. Calls take 250 ms, so the figure measures
// scheduling, not this (shared, 2-core) machine's CPU. Each setting runs BENCH_REPEATS times (3),
// every run printed with the load average, and the medians compared.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { redisBackend } from "../src/distributed/redis-backend.js";
import { EnhancedPersonaGenerationPipeline } from "../src/pipeline/pipeline.js";
import { ROOT } from "../test/helpers/paths.js";
import { startRedisServer } from "../test/helpers/redis.js";
import { fakeServerProcess, fmt } from "./_harness.js";

const ENDPOINT_SLOTS = 64;
const WORKER_CALLS = 32;
const LATENCY_MS = 250;
const PERSONAS = Number(process.env.BENCH_PERSONAS ?? 120);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);

function config(serverUrl: string) {
  return {
    api: { provider: "fake", model: "bench-model" },
    providers: {
      fake: { base_url: `${serverUrl}/v1`, api_key: "sk-bench", max_concurrency: ENDPOINT_SLOTS },
    },
    formulation: { enabled: false },
    query_generation: { style_transfer: { enabled: false }, selection: { queries_per_persona: 4 } },
    distractor: { enabled: false },
    interaction_generation: { min_turns: 4, max_turns: 4 },
    training_data: { split_on_export: false },
    llm: { cache: { enabled: true } },
  };
}

/** Starts a worker process and waits until it takes items. */
async function startWorker(args: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "worker", ...args], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes("taking items")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`worker exited (${code}): ${stderr}`)));
  });
  return child;
}

interface Measured {
  calls: number;
  executeS: number;
  wholeS: number;
  callsPerS: number;
  peakInFlight: number;
  rejected: number;
  load: string;
}

/** One distributed run of the whole pipeline with `workers` workers; the coordinator is this process. */
async function measure(redisUrl: string, workers: number, run: number): Promise<Measured> {
  const server = await fakeServerProcess({ latencyMs: LATENCY_MS, maxConcurrent: ENDPOINT_SLOTS });
  const dir = mkdtempSync(join(tmpdir(), "bench-distributed-"));
  const configPath = join(dir, "config.yaml");
  writeFileSync(configPath, JSON.stringify(config(server.url))); // JSON is YAML
  const queue = `bench-${workers}-${run}-${process.pid}`;
  const children: ChildProcess[] = [];
  for (let i = 0; i < workers; i++) {
    children.push(
      await startWorker([
        ...["--redis-url", redisUrl, "--queue", queue, "--config", configPath],
        ...["--concurrency", String(WORKER_CALLS), "--name", `w${i}`, "--out", join(dir, `w${i}`)],
      ]),
    );
  }
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  const backend = await redisBackend({ url: redisUrl, queue });
  let executeStart = 0;
  const pipeline = new EnhancedPersonaGenerationPipeline(configPath, {
    out: join(dir, "out"),
    env: {},
    backend,
    events: (event) => {
      if (event.type === "plan") executeStart = performance.now();
    },
  });
  const started = performance.now();
  let executeEnd = 0;
  const result = await pipeline.run({ numPersonas: PERSONAS }).finally(() => {
    executeEnd = performance.now();
  });
  const wholeMs = performance.now() - started;
  await backend.close();
  for (const child of children) child.kill("SIGTERM");
  await Promise.all(children.map((child) => once(child, "exit")));
  const stats = await server.stop();
  rmSync(dir, { recursive: true, force: true });
  if (result.summary.produced !== PERSONAS * 4) throw new Error(`produced ${result.summary.produced}`);
  const calls = result.summary.api_calls;
  // The export at the end is the same for both settings: the execute phase is planning's end to the end.
  const executeS = (executeEnd - executeStart) / 1000;
  return {
    calls,
    executeS,
    wholeS: wholeMs / 1000,
    callsPerS: calls / executeS,
    peakInFlight: stats.maxInFlight,
    rejected: stats.rejectedByCap,
    load,
  };
}

const redis = await startRedisServer();
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const results = new Map<number, Measured[]>();
try {
  for (let run = 0; run < REPEATS; run++) {
    for (const workers of [1, 3]) {
      const m = await measure(redis.url, workers, run);
      results.set(workers, [...(results.get(workers) ?? []), m]);
      console.log(
        `${workers} worker(s) × ${WORKER_CALLS} calls, run ${run + 1}: ${m.calls} calls in ${fmt(m.executeS, 1)} s = ${fmt(m.callsPerS, 1)} calls/s (whole run ${fmt(m.wholeS, 1)} s); endpoint peak ${m.peakInFlight} in flight, ${m.rejected} rejected (429); load average ${m.load}`,
      );
    }
  }
} finally {
  await redis.stop();
}
const one = median((results.get(1) ?? []).map((m) => m.callsPerS));
const three = median((results.get(3) ?? []).map((m) => m.callsPerS));
const ideal = ENDPOINT_SLOTS / (LATENCY_MS / 1000);
console.log(
  `median of ${REPEATS}: 1 worker ${fmt(one, 1)} calls/s, 3 workers ${fmt(three, 1)} calls/s: ratio ${fmt(three / one, 2)} (the endpoint allows ${ENDPOINT_SLOTS}/${WORKER_CALLS} = ${fmt(ENDPOINT_SLOTS / WORKER_CALLS, 2)}); 3 workers reach ${fmt(three / ideal, 2)} of the endpoint's ${fmt(ideal, 0)} calls/s`,
);
