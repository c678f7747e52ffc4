import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
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
