import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import type { FakeServerStats } from "../test/helpers/fake-llm-server.js";

/** A fake LLM server in its own process (so the measured process holds only the client). `stop` returns
 *  its statistics, the CPU the server process used (`cpuMs`) and how long it waited for one (`waitMs`),
 *  to show whether it was the bottleneck. */
export async function fakeServerProcess(
  options: Record<string, unknown>,
): Promise<{ url: string; stop: () => Promise<FakeServerStats & { cpuMs: number; waitMs: number }> }> {
  const script = fileURLToPath(new URL("./_fake-server.ts", import.meta.url));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", script, JSON.stringify(options)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  while (!out.includes("\n")) await once(child.stdout!, "data");
  const url = out.slice(0, out.indexOf("\n")).trim();
  return {
    url,
    stop: async () => {
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
      return JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as FakeServerStats & {
        cpuMs: number;
        waitMs: number;
      };
    },
  };
}

/** Runs `work`, returning wall milliseconds and this process's CPU milliseconds. */
export async function measure<T>(
  work: () => Promise<T>,
): Promise<{ result: T; wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await work();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { result, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

export function fmt(n: number, digits = 3): string {
  return n.toFixed(digits);
}
