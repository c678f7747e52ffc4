// `npm run bench -- llm`: the scheduler against the fake server (own process) at L = 200 ms and 50 ms
// with 32 slots. Prints efficiency = achieved calls/s ÷ (32/L) and client CPU-ms per call, then the
// fault, hang and capped-endpoint cases. Targets: ≥ 0.95 at 200 ms, ≥ 0.93 at 50 ms, ≤ 0.5 CPU-ms/call.
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveConfig } from "../src/config/load.js";
import { LlmService } from "../src/llm/llm-service.js";
import { modelRef } from "../src/llm/model-ref.js";
import { textOutput } from "../src/llm/operation.js";
import { ResponseCache } from "../src/scheduler/response-cache.js";
import { UsageTracker } from "../src/scheduler/usage.js";
import { fakeServerProcess, fmt, measure } from "./_harness.js";

const SLOTS = 32;
const CALLS = Number(process.env.BENCH_CALLS ?? 1600);

const op = {
  name: "bench",
  stage: "bench",
  messages: (input: { text: string }) => [
    { role: "system" as const, content: "You are a helpful assistant answering briefly." },
    { role: "user" as const, content: input.text },
  ],
  output: textOutput(),
  offline: async () => (input: { text: string }) => input.text,
};

interface Case {
  name: string;
  latencyMs: number;
  server?: Record<string, unknown>;
  slots?: number;
  calls?: number;
}

const WARMUP_ROUNDS = Number(process.env.BENCH_WARMUP_ROUNDS ?? 10);

async function runCase(
  c: Case,
): Promise<{ wallMs: number; cpuMs: number; ok: number; failed: number; received: number }> {
  const calls = c.calls ?? CALLS;
  const server = await fakeServerProcess({ latencyMs: c.latencyMs, faultSeed: 7, ...c.server });
  const dir = mkdtempSync(join(tmpdir(), "bench-llm-"));
  const config = resolveConfig({
    api: { provider: "fake", model: "bench-model" },
    providers: {
      fake: { base_url: `${server.url}/v1`, api_key: "sk-bench", max_concurrency: c.slots ?? SLOTS },
    },
    llm: { max_attempts: 8, timeout_ms: 30_000 },
  });
  const usage = new UsageTracker();
  const cache = new ResponseCache(join(dir, "cache.sqlite"));
  const service = new LlmService({ config, env: {}, runSeed: 1, usage, cache });
  const model = modelRef(config);
  // Warm up sockets and the JIT (optimised code needs a few hundred calls), outside the measurement:
  // the figure is the steady state of a run of thousands of calls.
  for (let round = 0; round < WARMUP_ROUNDS; round++)
    await Promise.all(
      Array.from({ length: SLOTS }, (_, i) =>
        service.run(op, { text: `warm ${round}.${i}` }, { model, itemId: `w${round}.${i}` }),
      ),
    );
  // Calls are issued the way the pipeline issues them: a window of open work several times the slot
  // count (so a freed slot is taken at once), not all at once.
  const window = SLOTS * 4;
  const { result, wallMs, cpuMs } = await measure(async () => {
    const settled: PromiseSettledResult<unknown>[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: window }, async () => {
        while (next < calls) {
          const i = next++;
          settled.push(
            await service
              .run(
                op,
                { text: `Question number ${i}: how do I reverse a list in Python?` },
                { model, itemId: `c${i}` },
              )
              .then(
                (value) => ({ status: "fulfilled", value }) as const,
                (reason: unknown) => ({ status: "rejected", reason }) as const,
              ),
          );
        }
      }),
    );
    return settled;
  });
  await service.close();
  cache.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
  const ok = result.filter((r) => r.status === "fulfilled").length;
  return { wallMs, cpuMs, ok, failed: calls - ok, received: usage.totals().attempts };
}

/**
 * The floor: the same calls as a bare keep-alive node:http loop (no scheduler, cache or parsing).
 * On loopback the kernel charges the server's side of TCP to the sending process, so this is what
 * any client pays here before doing any work of its own.
 */
async function bareLoop(latencyMs: number): Promise<{ wallMs: number; cpuMs: number }> {
  const server = await fakeServerProcess({ latencyMs });
  const url = new URL(server.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: SLOTS });
  const one = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify({
        model: "bench-model",
        messages: op.messages({ text: `Question number ${i}: how do I reverse a list in Python?` }),
      });
      const request = http.request(
        {
          agent,
          hostname: url.hostname,
          port: url.port,
          path: "/v1/chat/completions",
          method: "POST",
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (c: Buffer) => chunks.push(c));
          response.on("end", () => {
            JSON.parse(Buffer.concat(chunks).toString());
            resolve();
          });
        },
      );
      request.on("error", reject);
      request.end(body);
    });
  const loop = async (calls: number) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: SLOTS }, async () => {
        while (next < calls) await one(next++);
      }),
    );
  };
  await loop(SLOTS * WARMUP_ROUNDS);
  const { wallMs, cpuMs } = await measure(() => loop(CALLS));
  agent.destroy();
  await server.stop();
  return { wallMs, cpuMs };
}

/** BENCH_CASES=clean200,clean50,faults,hang,capped,floor runs a subset. */
const only = new Set((process.env.BENCH_CASES ?? "clean200,clean50,faults,hang,capped,floor").split(","));
const rows: string[] = [];
const report = (label: string, r: Awaited<ReturnType<typeof runCase>>, ideal: number, extra = "") => {
  const rate = (r.ok / r.wallMs) * 1000;
  const line = `${label.padEnd(34)} calls ${r.ok}/${CALLS}  ${fmt(rate, 1)} calls/s  efficiency ${fmt(rate / ideal)}  CPU ${fmt(r.cpuMs / CALLS)} ms/call  wall ${fmt(r.wallMs / 1000, 2)} s${extra}`;
  rows.push(line);
  console.log(line);
};

// Steady state: a real run makes tens of thousands of calls, so the JIT's work on the call path
// (done on background threads, but charged to this process) is warmed up once before any case.
await runCase({ name: "warm-up", latencyMs: 1, calls: Number(process.env.BENCH_WARMUP_CALLS ?? 4000) });

if (only.has("clean200")) {
  const r = await runCase({ name: "clean", latencyMs: 200 });
  report("L=200 ms, 32 slots", r, SLOTS / 0.2, "   (target ≥ 0.95, ≤ 0.5 CPU-ms)");
}
const clean50 =
  only.has("clean50") || only.has("hang") ? await runCase({ name: "clean", latencyMs: 50 }) : undefined;
if (clean50 && only.has("clean50"))
  report("L=50 ms, 32 slots", clean50, SLOTS / 0.05, "   (target ≥ 0.93, ≤ 0.5 CPU-ms)");
if (only.has("faults")) {
  const r = await runCase({
    name: "faults",
    latencyMs: 50,
    server: { faults: { status500: 0.02, status503: 0.02, reset: 0.02, truncated: 0.01 } },
  });
  report(
    "L=50, 2%×500/503/reset + 1% trunc",
    r,
    SLOTS / 0.05,
    `   attempts ${r.received}, all succeed: ${r.failed === 0}`,
  );
}
if (only.has("hang") && clean50) {
  const r = await runCase({ name: "hang", latencyMs: 50, server: { faults: { hang: 0.005 } } });
  report(
    "L=50, 0.5% hanging",
    r,
    SLOTS / 0.05,
    `   time ÷ clean = ${fmt(r.wallMs / clean50.wallMs, 2)} (target ≤ 1.3)`,
  );
}
if (only.has("capped")) {
  const r = await runCase({
    name: "capped",
    latencyMs: 50,
    server: { maxConcurrent: 16, retryAfterOnCapMs: 50 },
  });
  report(
    "L=50, endpoint capped at 16",
    r,
    16 / 0.05,
    `   attempts ${r.received} (target ≥ 0.9 of 16/L, all succeed: ${r.failed === 0})`,
  );
}
if (only.has("floor")) {
  for (const latencyMs of [200, 50]) {
    const r = await bareLoop(latencyMs);
    const line = `${`floor: bare node:http, L=${latencyMs}`.padEnd(34)} CPU ${fmt(r.cpuMs / CALLS)} ms/call (what any client pays on this machine's loopback)`;
    rows.push(line);
    console.log(line);
  }
}
