import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { ROOT } from "../test/helpers/paths.js";

/** Builds the CLI once (`dist/`), as a user runs it. */
export function buildCli(): void {
  // BENCH_SKIP_BUILD=1: measure the dist/ already built (an A/B of two builds side by side).
  if (process.env.BENCH_SKIP_BUILD === "1") return;
  execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
}

/** What a cold `personasynth` process did: exit code, output, wall time and its own CPU time. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** User + system CPU of the node process (its threads included), from the shell's `times`. */
  cpuMs: number;
  /** Of `cpuMs`, in user space and in the kernel (system calls: sockets, files, fsync). */
  userMs: number;
  systemMs: number;
  /**
   * How long the node process's main thread (its event loop) sat runnable waiting for a CPU (the
   * kernel's schedstat, read every 100 ms; the last reading, at most 100 ms before the exit): the CPU
   * the machine did not have for it. Undefined where /proc has no schedstat.
   */
  waitMs: number | undefined;
  /** Of the machine's CPU time during the run, the share nobody used (/proc/stat). */
  machineIdle: number | undefined;
}

/**
 * Runs the built CLI in a fresh process. Its CPU time comes from bash's `times` (the rusage of the
 * waited child), so everything the process did counts: start-up, module loading, planning, calls,
 * stores, export.
 */
export async function runBuiltCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const main = join(ROOT, "dist", "cli", "main.js");
  // BENCH_NODE_ARGS: flags for node itself, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the
  // measured command (node refuses --cpu-prof in NODE_OPTIONS).
  // BENCH_WRAP: a command the process runs under, e.g. `valgrind --tool=callgrind` (instruction counts
  // do not depend on the machine's load).
  const nodeArgs = process.env.BENCH_NODE_ARGS ?? "";
  const wrap = process.env.BENCH_WRAP ?? "";
  const script = `${wrap} "${process.execPath}" ${nodeArgs} "${main}" "$@"; code=$?; times >&2; exit $code`;
  const started = performance.now();
  const child = spawn("bash", ["-c", script, "personasynth", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  const machineBefore = machineCpu();
  let waitNs: number | undefined;
  const poll = setInterval(() => {
    waitNs = runQueueWaitNs(child.pid) ?? waitNs;
  }, 100);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [code] = (await once(child, "exit")) as [number | null];
  clearInterval(poll);
  const wallMs = performance.now() - started;
  const machineAfter = machineCpu();
  // `times` prints the shell's own user/sys line, then its children's: "0m1.234s 0m0.056s".
  const lines = stderr.trimEnd().split("\n");
  const children = lines.at(-1) ?? "";
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  const cpuMs = ((seconds[0] ?? Number.NaN) + (seconds[1] ?? Number.NaN)) * 1000;
  return {
    code,
    stdout,
    stderr: lines.slice(0, -2).join("\n"),
    wallMs,
    cpuMs,
    userMs: (seconds[0] ?? Number.NaN) * 1000,
    systemMs: (seconds[1] ?? Number.NaN) * 1000,
    waitMs: waitNs === undefined ? undefined : waitNs / 1e6,
    machineIdle:
      machineBefore && machineAfter
        ? (machineAfter.idle - machineBefore.idle) / (machineAfter.total - machineBefore.total)
        : undefined,
  };
}

/** Run-queue wait (ns) of the main thread (the event loop) of the node process under bash `shell`. */
function runQueueWaitNs(shell: number | undefined): number | undefined {
  try {
    const node = readFileSync(`/proc/${shell}/task/${shell}/children`, "utf8").trim().split(" ")[0];
    if (!node) return undefined;
    return Number(readFileSync(`/proc/${node}/task/${node}/schedstat`, "utf8").split(" ")[1]);
  } catch {
    return undefined; // not started yet, or exited between two readings
  }
}

/** The machine's idle and total CPU time so far (jiffies, all cores). */
function machineCpu(): { idle: number; total: number } | undefined {
  try {
    const fields =
      readFileSync("/proc/stat", "utf8").split("\n")[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
    return { idle: (fields[3] ?? 0) + (fields[4] ?? 0), total: fields.reduce((a, b) => a + b, 0) };
  } catch {
    return undefined;
  }
}

/** The 1-minute load average, for the figure beside it (the machine is shared). */
export function load(): string {
  return `load ${loadavg()[0]?.toFixed(1)}`;
}

/**
 * The machine the figures were measured on. CPU per call moves with the processor more than with
 * anything else (the same build measured 0.88 ms/call on one 2-core machine of this workplace and
 * 0.34 on another, 2.5× faster at the offline bench too), and a VM often hides the processor's name,
 * so the line also gives the CPU time of a fixed piece of JavaScript work (JSON and string handling,
 * like the pipeline's): figures from two machines compare after dividing by it.
 */
export function machine(): string {
  const cores = cpus();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) times.push(referenceWorkMs());
  times.sort((a, b) => a - b);
  const mhz = cores[0]?.speed ? ` at ${cores[0].speed} MHz` : ""; // 0 where the VM does not say
  return `machine: ${cores[0]?.model.trim() ?? "unknown CPU"}${mhz}, ${cores.length} cores, node ${process.version}; reference work ${times[2]?.toFixed(1)} CPU-ms (median of 5)`;
}

/** CPU-ms of a fixed, deterministic piece of work: JSON round trips and string scans of 2,000 records. */
function referenceWorkMs(): number {
  const started = process.cpuUsage();
  const records = Array.from({ length: 2000 }, (_, i) => ({
    id: `record_${i}`,
    messages: [
      { role: "user", content: `How do I plan a ${i % 7}-day trip with a budget of $${i}?` },
      {
        role: "assistant",
        content: "Start with the fixed costs, then the days, then the margin. ".repeat(4),
      },
    ],
  }));
  let total = 0;
  for (let round = 0; round < 10; round++) {
    const text = JSON.stringify(records);
    total += (JSON.parse(text) as unknown[]).length + (text.match(/budget/g)?.length ?? 0);
  }
  if (total === 0) throw new Error("unreachable: keeps the work from being optimised away");
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}
