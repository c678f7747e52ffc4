// Issue 18: what a user meets setting up a distributed run: bullmq/ioredis not installed, flags that
// do not go together, a worker started with another config.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT, tempDir } from "../helpers/paths.js";
import { testRedis, uniqueQueue } from "../helpers/redis.js";
import {
  type CliResult,
  exportedSamples,
  latestExport,
  oneErrorLine,
  runCli,
  spawnCli,
  startDeterministicFake,
  writeConfig,
} from "./harness.js";

/** The CLI in a process that cannot load bullmq or ioredis (a default install). */
function runWithoutRedisPackages(args: string[]): Promise<CliResult> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--import", "./test/helpers/no-redis-packages.mjs", "src/cli/main.ts", ...args],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" } },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (s: string) => {
    stdout += s;
  });
  child.stderr.setEncoding("utf8").on("data", (s: string) => {
    stderr += s;
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) =>
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started }),
    );
  });
}

test("without bullmq and ioredis (the default install): runs work, --backend redis and worker say what to install", async (t) => {
  const out = join(tempDir(t, "personasynth-dist-"), "out");
  const local = await runWithoutRedisPackages(["run", "--personas", "1", "--out", out]);
  assert.equal(local.code, 0, local.stderr);
  assert.match(local.stdout, /produced 3, failed 0/);
  for (const args of [
    ["run", "--backend", "redis", "--redis-url", "redis://127.0.0.1:6379", "--personas", "1", "--out", out],
    ["worker", "--redis-url", "redis://127.0.0.1:6379"],
  ]) {
    const result = await runWithoutRedisPackages(args);
    assert.equal(result.code, 2, result.stderr);
    const line = oneErrorLine(result);
    assert.match(line, /the redis backend needs bullmq and ioredis, and (bullmq|ioredis) is not installed/);
    assert.match(line, /npm install bullmq@\d+\.\d+\.\d+ ioredis@\d+\.\d+\.\d+/);
  }
});

test("run: --backend redis without --redis-url, an unknown backend, --queue alone: exit 2 with the fix", async () => {
  const cases: Array<[string[], RegExp]> = [
    [["--backend", "redis"], /--backend redis needs --redis-url .*--redis-url redis:\/\/127\.0\.0\.1:6379/],
    [["--backend", "spark"], /unknown backend "spark" \(use --backend local or --backend redis\)/],
    [["--queue", "q1"], /--redis-url and --queue go with --backend redis/],
    [["--redis-url", "http://localhost:6379"], /--redis-url must be a redis:\/\/ or rediss:\/\/ URL/],
  ];
  for (const [flags, message] of cases) {
    const result = await runCli(["run", "--personas", "1", "--out", "/nonexistent/never-written", ...flags]);
    assert.equal(result.code, 2, `${flags.join(" ")}: ${result.stderr}`);
    assert.match(oneErrorLine(result), message);
  }
});

test("a worker whose config makes other data refuses the run's items and stops; a right worker then completes the run", async (t) => {
  const server = await startDeterministicFake({ latencyMs: 5 });
  t.after(() => server.close());
  const url = await testRedis(t);
  const queue = uniqueQueue("refuse");
  const dir = tempDir(t, "personasynth-dist-");
  // No system prompts: the coordinator makes no call, so every request is a worker's.
  const config = writeConfig(dir, server.url, { formulation: { enabled: false } });
  const otherDir = tempDir(t, "personasynth-dist-other-");
  const other = writeConfig(otherDir, server.url, {
    formulation: { enabled: false },
    experiment: { seed: 8 },
  });
  const out = join(dir, "out");
  const coordinator = spawnCli([
    ...["run", "--backend", "redis", "--redis-url", url, "--queue", queue],
    ...["--config", config, "--personas", "2", "--out", out],
  ]);
  t.after(() => {
    coordinator.child.kill("SIGKILL");
  });
  const worker = (config: string, name: string) =>
    spawnCli([
      "worker",
      "--redis-url",
      url,
      "--queue",
      queue,
      "--config",
      config,
      "--name",
      name,
      "--out",
      join(dir, name),
    ]);

  const wrong = await worker(other, "wrong").done;
  assert.equal(wrong.code, 1, wrong.stderr);
  const line = oneErrorLine(wrong);
  assert.match(
    line,
    /this worker's config makes generation gen_\w+, but plan plan_\w+ on this queue is generation gen_\w+/,
  );
  assert.match(line, /start the worker with the coordinator's config/);
  assert.equal(server.requests.length, 0, "the refusing worker called the model");

  const right = worker(config, "right");
  t.after(() => {
    right.child.kill("SIGKILL");
  });
  const result = await coordinator.done;
  assert.equal(result.code, 0, result.stderr);
  assert.equal(exportedSamples(latestExport(join(out, "training_data"))).length, 6);
  right.child.kill("SIGTERM");
  assert.match((await right.done).stdout, /worker right: 6 items \(0 failed\)/);
});
