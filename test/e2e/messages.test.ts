// Issue 13: what a new user runs into ends in one line that names the cause and the fix, with the
// right exit code and no stack trace, through the real CLI process.
import assert from "node:assert/strict";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { tempDir } from "../helpers/paths.js";
import { oneErrorLine, runCli, spawnCli, startDeterministicFake, writeConfig } from "./harness.js";

/** Nine aliases of nine aliases, six levels deep: 9^6 values from six lines. */
const ALIAS_BOMB = [
  'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]',
  ...["b", "c", "d", "e", "f"].map(
    (name, i) => `${name}: &${name} [${Array(9).fill(`*${"abcde"[i]}`).join(", ")}]`,
  ),
].join("\n");

test("a YAML alias bomb is a config error naming the file (exit 2), for validate and run", async (t) => {
  const dir = tempDir(t, "personasynth-msg-");
  const config = join(dir, "config.yaml");
  writeFileSync(config, `${ALIAS_BOMB}\n`);
  for (const args of [
    ["validate", "--config", config],
    ["run", "--config", config, "--out", join(dir, "out")],
  ]) {
    const result = await runCli(args);
    assert.equal(result.code, 2, result.stderr + result.stdout);
    if (args[0] === "run") {
      const line = oneErrorLine(result);
      assert.ok(line.includes(config), line);
      assert.match(line, /alias/);
      assert.match(line, /write the repeated values out/);
    } else {
      assert.match(result.stdout, /config\s+FAIL/);
      assert.ok(result.stdout.includes(config));
      assert.doesNotMatch(result.stderr, /internal error|\n\s+at /);
    }
  }
});

test("a run that sees many 429s and retries prints no Node.js warning (no listener per wait on the run signal)", async (t) => {
  // At most 4 requests are accepted at once and about one in seven is refused anyway, with a short
  // Retry-After: a dozen calls wait in backoff on the same run signal at the same time.
  const server = await startDeterministicFake({
    latencyMs: 5,
    maxConcurrent: 4,
    retryAfterOnCapMs: 20,
    faults: { status429: 0.15 },
  });
  t.after(() => server.close());
  const dir = tempDir(t, "personasynth-msg-");
  const result = await runCli([
    "run",
    "--config",
    writeConfig(dir, server.url, { llm: { max_attempts: 12 } }),
    "--personas",
    "4",
    "--out",
    join(dir, "out"),
  ]);
  const stats = server.stats();
  t.diagnostic(`429s: ${(stats.faulted.status429 ?? 0) + stats.rejectedByCap} of ${stats.received} requests`);
  assert.equal(result.code, 0, result.stderr);
  assert.ok((stats.faulted.status429 ?? 0) + stats.rejectedByCap >= 11, "the run saw many 429s");
  assert.deepEqual(
    result.stderr.split("\n").filter((line) => /Warning|\(node:\d+\)/.test(line)),
    [],
    result.stderr,
  );
});

test("--out under /proc: exit 1 at once with one line naming the directory and the fix (no spinning)", {
  skip: !existsSync("/proc/self") && "no /proc here",
}, async (t) => {
  const dir = tempDir(t, "personasynth-msg-");
  const result = await runCli([
    "run",
    "--personas",
    "1",
    "--out",
    "/proc/personasynth-x",
    "--config",
    writeConfig(dir, "http://127.0.0.1:9"),
  ]);
  assert.equal(result.code, 1, result.stderr);
  assert.ok(result.ms < 20_000, `took ${Math.round(result.ms)} ms`);
  const line = oneErrorLine(result);
  assert.ok(line.includes("/proc/personasynth-x"), line);
  assert.match(line, /does not allow/);
  assert.match(line, /--out/);
});

test("SIGTERM mid-run stops it like Ctrl-C: exit 130 soon, the notice once, then one error line", async (t) => {
  let onRequest: (() => void) | undefined;
  const server = await startDeterministicFake({
    latencyMs: 40,
    script: () => {
      onRequest?.();
      return undefined;
    },
  });
  t.after(() => server.close());
  const dir = tempDir(t, "personasynth-msg-");
  const run = spawnCli([
    "run",
    "--config",
    writeConfig(dir, server.url),
    "--personas",
    "6",
    "--out",
    join(dir, "out"),
  ]);
  let sentAt = 0;
  onRequest = () => {
    if (sentAt > 0 || server.requests.length < 20) return;
    sentAt = performance.now();
    run.child.kill("SIGTERM");
  };
  const result = await run.done;
  onRequest = undefined;
  assert.ok(sentAt > 0, result.stderr);
  assert.equal(result.code, 130, result.stderr);
  assert.ok(performance.now() - sentAt < 15_000);
  assert.equal(result.stderr.match(/^interrupting:/gm)?.length, 1, result.stderr);
  assert.match(oneErrorLine(result), /rerun the same command/);
});
