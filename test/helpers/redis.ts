// Redis for the distributed tests. CI starts one redis-server for the whole suite and passes its URL
// in PERSONASYNTH_TEST_REDIS_URL (.ci/run); without it, a test starts its own redis-server on a free
// port. Without either the tests fail with what to install: they skip nothing.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The environment variable naming a Redis the tests may use (keys are per test: queues are unique). */
export const TEST_REDIS_ENV = "PERSONASYNTH_TEST_REDIS_URL";

type TestContext = { after(fn: () => void | Promise<void>): void };

/** A Redis URL for this test: CI's server, or one started for the test (stopped after it). */
export async function testRedis(t: TestContext): Promise<string> {
  const url = process.env[TEST_REDIS_ENV];
  if (url) return url;
  const server = await startRedisServer();
  t.after(() => server.stop());
  return server.url;
}

/** A queue name no other test uses. */
export function uniqueQueue(label: string): string {
  return `test-${label}-${randomUUID().slice(0, 8)}`;
}

/** A redis-server of a test's own, which the test may stop and start again on the same port. */
export interface RedisServer {
  url: string;
  port: number;
  /** Stops it (SIGKILL: what a crash looks like) and waits for the process to end. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty (it keeps no data on disk). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `redis-server` on a free loopback port, keeping nothing on disk. */
export async function startRedisServer(): Promise<RedisServer> {
  if (spawnSync("redis-server", ["--version"]).error)
    throw new Error(
      `the distributed tests need Redis: install redis-server (apt-get install redis-server) or set ${TEST_REDIS_ENV}=redis://HOST:PORT`,
    );
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "personasynth-redis-"));
  let child: ChildProcess | undefined;
  const start = async () => {
    const started = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    child = started;
    let output = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
      started.stdout?.setEncoding("utf8").on("data", (text: string) => {
        output += text;
        if (output.includes("Ready to accept connections")) {
          clearTimeout(timer);
          resolve();
        }
      });
      started.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}:\n${output}`));
      });
    });
    started.removeAllListeners("exit");
  };
  const end = async (signal: NodeJS.Signals) => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    running.kill(signal);
    await once(running, "exit");
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill: () => end("SIGKILL"),
    restart: start,
    stop: async () => {
      await end("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
