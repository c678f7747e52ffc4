// `npm run bench -- export`: 1,000,000 synthetic samples exported to JSONL and to Parquet by the
// built CLI (`personasynth export`, its own process, cold), as a user runs it. Prints samples/s and
// peak RSS per format (target < 300 MB), each run and the median of BENCH_RUNS (default 1: one
// run of both formats takes minutes; BENCH_RUNS=3 for a median when a figure decides a target).
// BENCH_SAMPLES overrides the count, BENCH_FORMATS the formats (default jsonl,parquet).
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../test/helpers/paths.js";
import { fmt } from "./_harness.js";
import { buildSyntheticStore } from "./_synthetic-interactions.js";

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const FORMATS = (process.env.BENCH_FORMATS ?? "jsonl,parquet").split(",");

async function sizeOf(path: string): Promise<number> {
  const info = statSync(path);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const name of await readdir(path)) total += await sizeOf(join(path, name));
  return total;
}

/** One `personasynth export --format <format>` in its own process: wall time and peak RSS. */
async function exportRun(
  store: string,
  out: string,
  format: string,
): Promise<{ seconds: number; peakMb: number }> {
  rmSync(out, { recursive: true, force: true });
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      join(ROOT, "dist", "cli", "main.js"),
      "export",
      "--store",
      store,
      "--out",
      out,
      "--split",
      "--no-timestamp",
      "--format",
      format,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  // VmHWM is the process's peak RSS so far; the last reading before exit is the peak of the run.
  let peakKb = 0;
  const timer = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // the process has exited between two readings
    }
  }, 20);
  const [code] = (await once(child, "exit")) as [number | null];
  clearInterval(timer);
  const seconds = (performance.now() - started) / 1000;
  const exported = new RegExp(`exported ${SAMPLES} samples`).test(stdout);
  if (code !== 0 || !exported) throw new Error(`personasynth export failed (exit ${code}):\n${stdout}`);
  return { seconds, peakMb: peakKb / 1024 };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const dir = mkdtempSync(join(tmpdir(), "bench-export-"));
try {
  execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
  const store = join(dir, "interactions");
  const building = performance.now();
  await buildSyntheticStore(store, SAMPLES);
  console.log(
    `store: ${SAMPLES} synthetic interactions, ${fmt((await sizeOf(store)) / 2 ** 20, 0)} MB, built in ${fmt((performance.now() - building) / 1000, 1)} s`,
  );
  for (const format of FORMATS) {
    const runs = [];
    for (let r = 0; r < RUNS; r++) {
      const out = join(dir, `out-${format}`);
      const run = await exportRun(store, out, format);
      runs.push(run);
      console.log(
        `${format} run ${r + 1}: ${fmt(SAMPLES / run.seconds, 0)} samples/s (${fmt(run.seconds, 1)} s), peak RSS ${fmt(run.peakMb, 0)} MB, output ${fmt((await sizeOf(out)) / 2 ** 20, 0)} MB`,
      );
    }
    console.log(
      `${format}, median of ${RUNS}: ${fmt(median(runs.map((r) => SAMPLES / r.seconds)), 0)} samples/s, peak RSS ${fmt(median(runs.map((r) => r.peakMb)), 0)} MB (target < 300 MB)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
