// `npm run bench -- pipeline [online|offline]`:
//  online:  the whole run as the endpoint sees it. A cold `personasynth run` (the built CLI, its own
//           process) against the fake server (another process) with 32 slots answering 429 above,
//           `--concurrency 32`, a pool of three assistant models plus the user model on that one
//           endpoint, 800 conversations, at L = 200 and 50 ms. Efficiency = answers ÷ (first request
//           to last answer, timed at the server) ÷ (32/L) (targets ≥ 0.95 at 200 ms, ≥ 0.93 at 50 ms),
//           429s (target 0), and the CPU of the whole process per call (target ≤ 0.5 ms). Three runs
//           each, every one printed with the machine's load, and the median. Each run also prints where
//           the slot time went (filling the slots, steady state, tail; each call's hold time at the
//           server) and the server's own CPU, to show the server was not the bottleneck.
//           BENCH_ONLINE_LATENCIES (e.g. "50"), BENCH_ONLINE_RUNS and BENCH_CONVERSATIONS_ONLINE narrow
//           it while investigating; BENCH_NODE_ARGS passes flags to the measured node (see _cli-run.ts);
//           BENCH_SKIP_BUILD=1 measures the dist/ already built (two builds A/B'd in turn).
//  offline: 100,000 conversations with the offline engine; prints time (target < 30 s), CPU time
//           (user + system, all threads) and peak RSS (target < 300 MB). BENCH_CONVERSATIONS overrides the count, BENCH_WORKERS passes --threads.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../test/helpers/paths.js";
import { buildCli, load, runBuiltCli } from "./_cli-run.js";
import { fakeServerProcess, fmt } from "./_harness.js";
import { slotAccount } from "./_occupancy.js";

const which = process.argv[2] ?? "all";
const SLOTS = 32;
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS_ONLINE ?? 800);
const PER_PERSONA = 4;
const RUNS = Number(process.env.BENCH_ONLINE_RUNS ?? 3);
const LATENCIES = (process.env.BENCH_ONLINE_LATENCIES ?? "200,50").split(",").map(Number);

/** A seed dataset of `count` distinct queries (JSONL), so every conversation gets its own. */
export function queryDataset(dir: string, count: number): string {
  const topics = [
    "a budget spreadsheet",
    "a cover letter",
    "a Python script that renames files",
    "a 5-day trip to Lisbon",
    "my sourdough starter",
    "a SQL query that is slow",
    "a workout plan",
    "a birthday speech",
    "a landing page headline",
    "my cat's diet",
  ];
  const verbs = [
    "Help me improve",
    "Explain how to fix",
    "Give me ideas for",
    "Review",
    "Make a plan for",
    "Summarise the options for",
  ];
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(
      JSON.stringify({
        id: `b${i}`,
        query: `${verbs[i % verbs.length]} ${topics[((i / verbs.length) % topics.length) | 0]} (case ${i}, budget $${(i % 90) + 10}).`,
      }),
    );
  }
  const path = join(dir, "queries.jsonl");
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

/** The online run: system prompts, style transfer, conversations of 4 to 6 turns, four models. */
function onlineConfig(serverUrl: string, dataset: string) {
  return {
    api: { provider: "fake", model: "user-model" },
    providers: { fake: { base_url: `${serverUrl}/v1`, api_key: "sk-bench", max_concurrency: SLOTS } },
    paths: { query_datasets: [dataset] },
    query_generation: { selection: { queries_per_persona: PER_PERSONA } },
    distractor: { enabled: false },
    interaction_generation: {
      min_turns: 4,
      max_turns: 6,
      assistant_model: {
        model_pool: [
          { provider: "fake", model: "assistant-a", weight: 0.4 },
          { provider: "fake", model: "assistant-b", weight: 0.3 },
          { provider: "fake", model: "assistant-c", weight: 0.3 },
        ],
      },
      user_model: { provider: "fake", model: "user-model" },
    },
    training_data: { split_on_export: false },
  };
}

interface OnlineRun {
  efficiency: number;
  rejected: number;
  cpuPerCall: number;
  line: string;
}

/** One cold run of the CLI against a fresh 32-slot server. */
async function online(latencyMs: number): Promise<OnlineRun> {
  const dir = mkdtempSync(join(tmpdir(), "bench-online-"));
  const server = await fakeServerProcess({
    latencyMs,
    maxConcurrent: SLOTS,
    retryAfterOnCapMs: 100,
    recordOccupancy: true,
    keepRequests: false,
  });
  const configPath = join(dir, "config.yaml");
  writeFileSync(configPath, JSON.stringify(onlineConfig(server.url, queryDataset(dir, CONVERSATIONS + 100))));
  const loadBefore = load();
  const run = await runBuiltCli([
    "run",
    "--config",
    configPath,
    "--personas",
    String(CONVERSATIONS / PER_PERSONA),
    "--concurrency",
    String(SLOTS),
    "--out",
    join(dir, "out"),
  ]);
  const stats = await server.stop();
  rmSync(dir, { recursive: true, force: true });
  const summary = /requested (\d+), produced (\d+), failed (\d+)/.exec(run.stdout);
  if (run.code !== 0 || !summary)
    throw new Error(`personasynth run failed (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  const spanMs = (stats.lastReplyMs ?? 0) - (stats.firstRequestMs ?? 0);
  const calls = stats.completed;
  const efficiency = calls / (spanMs / 1000) / (SLOTS / (latencyMs / 1000));
  const cpuPerCall = run.cpuMs / calls;
  const slots = slotAccount(stats.occupancy ?? [], SLOTS, spanMs, calls);
  const pct = (x: number) => `${fmt(x * 100, 1)}%`;
  return {
    efficiency,
    rejected: stats.rejectedByCap,
    cpuPerCall,
    line: `${summary[2]} conversations, ${calls} calls in ${fmt(spanMs / 1000, 2)} s at the server: efficiency ${fmt(efficiency)}, 429s ${stats.rejectedByCap}, max in flight ${stats.maxInFlight}; process ${fmt(run.wallMs / 1000, 2)} s, CPU ${fmt(run.cpuMs / 1000, 2)} s = ${fmt(cpuPerCall)} ms/call (user ${fmt(run.userMs / calls)}, system ${fmt(run.systemMs / calls)}); slots full after ${fmt(slots.fillMs, 0)} ms, tail ${fmt(slots.tailMs, 0)} ms, capacity idle at start ${pct(slots.idleAtStart)}, steady ${pct(slots.idleInSteadyState)}, tail ${pct(slots.idleInTail)}, hold ${fmt(slots.holdMs, 1)} ms/call; server CPU ${fmt(stats.cpuMs / calls)} ms/call (its event loop waited ${fmt(stats.waitMs / 1000, 2)} s for a CPU); the client's event loop waited ${run.waitMs === undefined ? "?" : fmt(run.waitMs / 1000, 2)} s for a CPU, machine idle ${run.machineIdle === undefined ? "?" : pct(run.machineIdle)} (${loadBefore} → ${load()})`,
  };
}

/** Three runs at one latency, each printed, and the median judged against the targets. */
async function onlineSeries(latencyMs: number): Promise<void> {
  const runs: OnlineRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await online(latencyMs);
    console.log(`online L=${latencyMs} ms, run ${i + 1}: ${run.line}`);
    runs.push(run);
  }
  const median = (values: number[]) => values.sort((x, y) => x - y)[(values.length - 1) >> 1] as number;
  console.log(
    `online L=${latencyMs} ms, median of ${RUNS}: efficiency ${fmt(median(runs.map((r) => r.efficiency)))} (target ≥ ${latencyMs >= 200 ? "0.95" : "0.93"}), 429s ${median(runs.map((r) => r.rejected))} (target 0), CPU ${fmt(median(runs.map((r) => r.cpuPerCall)))} ms/call (target ≤ 0.5)`,
  );
}

async function offline(): Promise<void> {
  const conversations = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
  const perPersona = 10;
  const dir = mkdtempSync(join(tmpdir(), "bench-offline-"));
  const dataset = queryDataset(dir, conversations);
  const config = {
    paths: { query_datasets: [dataset] },
    query_generation: { selection: { queries_per_persona: perPersona } },
    persona_generation: { diversity: { min_hamming_distance: 2 } },
  };
  const configPath = join(dir, "config.yaml");
  writeFileSync(configPath, JSON.stringify(config)); // JSON is YAML
  // The built CLI in its own process, as a user runs it: this process's tsx loader (a thread with
  // its own heap) would add tens of MB to the RSS of an in-process run.
  buildCli();
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      join(ROOT, "dist", "cli", "main.js"),
      "run",
      "--config",
      configPath,
      "--personas",
      String(Math.ceil(conversations / perPersona)),
      "--out",
      join(dir, "out"),
      ...(process.env.BENCH_WORKERS === undefined ? [] : ["--threads", process.env.BENCH_WORKERS]),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  // VmHWM is the process's peak RSS so far; the last reading before exit is the peak of the run.
  // utime + stime (fields 14 and 15 of /proc/PID/stat, in clock ticks of 10 ms) are its CPU time so
  // far, all threads: the figure a loaded machine does not inflate. The last reading is at most one
  // interval before the exit.
  let peakKb = 0;
  let cpuTicks = 0;
  const timer = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, { encoding: "utf8", flag: "r" });
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      const stat = readFileSync(`/proc/${child.pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      cpuTicks = Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process exited between two readings: the previous ones stand.
    }
  }, 20);
  const [code] = (await once(child, "exit")) as [number | null];
  clearInterval(timer);
  const wallMs = performance.now() - started;
  rmSync(dir, { recursive: true, force: true });
  const summary = /requested (\d+), produced (\d+), failed (\d+)/.exec(stdout);
  if (code !== 0 || !summary) throw new Error(`personasynth run failed (exit ${code}):\n${stdout}`);
  const workers = process.env.BENCH_WORKERS === undefined ? "default" : process.env.BENCH_WORKERS;
  console.log(
    `offline (built CLI, workers: ${workers}): ${summary[2]} conversations in ${fmt(wallMs / 1000, 1)} s (target < 30 s), CPU ${fmt(cpuTicks / 100, 1)} s, peak RSS ${fmt(peakKb / 1024, 0)} MB (target < 300 MB), failed ${summary[3]}`,
  );
}

if (which === "all" || which === "online") {
  buildCli();
  for (const latencyMs of LATENCIES) await onlineSeries(latencyMs);
}
if (which === "all" || which === "offline") await offline();
