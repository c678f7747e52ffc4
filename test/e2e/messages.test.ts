// Issue 13: what a new user runs into ends in one line that names the cause and the fix, with the
// right exit code and no stack trace, through the real CLI process.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { tempDir } from "../helpers/paths.js";
import {
  closedPort,
  oneErrorLine,
  runArgs,
  runCli,
  spawnCli,
  startDeterministicFake,
  writeConfig,
} from "./harness.js";

/** What the tests read of a run log's entries. */
interface LogEntry {
  type: string;
  exit_code?: number;
  rate_limited?: number;
  retries?: number;
}

/** The entries of a run's log (its one file under `<out>/logs`). */
function logEntries(out: string): LogEntry[] {
  const logs = join(out, "logs");
  return readFileSync(join(logs, readdirSync(logs)[0] as string), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as LogEntry);
}

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
      // validate's report: one FAIL line for the file, naming it, the cause and the fix.
      const fail = result.stdout.split("\n").filter((line) => line.startsWith("FAIL "));
      assert.equal(fail.length, 1, result.stdout);
      assert.ok(fail[0]?.includes(config), result.stdout);
      assert.match(fail[0] as string, /alias.*write the repeated values out/);
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
  const result = await runCli(
    runArgs(writeConfig(dir, server.url, { llm: { max_attempts: 12 } }), 4, join(dir, "out")),
  );
  const stats = server.stats();
  t.diagnostic(`429s: ${(stats.faulted.status429 ?? 0) + stats.rejectedByCap} of ${stats.received} requests`);
  assert.equal(result.code, 0, result.stderr);
  assert.ok((stats.faulted.status429 ?? 0) + stats.rejectedByCap >= 11, "the run saw many 429s");
  assert.deepEqual(
    result.stderr.split("\n").filter((line) => /Warning|\(node:\d+\)/.test(line)),
    [],
    result.stderr,
  );
  // The progress counts what the server refused: its last report (in the run log) has every 429, and
  // each 429 was retried.
  const last = logEntries(join(dir, "out"))
    .filter((e) => e.type === "progress")
    .at(-1) as Required<LogEntry>;
  t.diagnostic(`last progress: ${last.rate_limited} 429s, ${last.retries} retries`);
  assert.equal(last.rate_limited, (stats.faulted.status429 ?? 0) + stats.rejectedByCap);
  assert.ok(last.retries >= last.rate_limited, `${last.retries} retries`);
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
  const run = spawnCli(runArgs(writeConfig(dir, server.url), 6, join(dir, "out")));
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
  const entries = logEntries(join(dir, "out"));
  assert.ok(
    entries.some((e) => e.type === "interrupted"),
    "the log has the interruption",
  );
  assert.equal(entries.at(-1)?.type, "error");
  assert.equal(entries.at(-1)?.exit_code, 130);
});

/** The usage records of a run (one per call, with its attempts). */
function usageRecords(out: string): Array<{ attempts: number }> {
  const dir = join(out, "usage");
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((file) =>
    readFileSync(join(dir, file), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { attempts: number }),
  );
}

test("an unreachable endpoint: the URL and where it came from, said once, no retries, no export written", async (t) => {
  const dir = tempDir(t, "personasynth-msg-");
  const url = `http://127.0.0.1:${await closedPort()}/v1`;
  mkdirSync(join(dir, "env"));
  const cases = [
    { source: "providers.fake.base_url", config: writeConfig(dir, url.replace(/\/v1$/, "")), env: {} },
    {
      source: "OPENAI_BASE_URL",
      config: writeConfig(join(dir, "env"), "unused", {
        api: { provider: "openai", model: "gpt-4o-mini" },
        providers: null,
      }),
      env: { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: url },
    },
  ];
  for (const { source, config, env } of cases) {
    const out = join(dir, `out-${source}`);
    const result = await runCli(runArgs(config, 3, out), env);
    t.diagnostic(`${source}: exit ${result.code} after ${Math.round(result.ms)} ms`);
    assert.equal(result.code, 1, result.stderr);
    const line = oneErrorLine(result);
    assert.ok(line.includes(url), line);
    assert.ok(line.includes(source), `says where the URL came from: ${line}`);
    assert.match(line, /connection refused/);
    assert.match(line, /then rerun the same command/);
    assert.equal(result.stderr.split(url).length - 1, 1, `said once:\n${result.stderr}`);
    assert.doesNotMatch(result.stderr, /^failed /m);
    const records = usageRecords(out);
    assert.ok(records.length > 0);
    assert.deepEqual(
      records.filter((r) => r.attempts > 1),
      [],
      "no call was retried: nothing ever answered there",
    );
    const exported = existsSync(join(out, "training_data")) ? readdirSync(join(out, "training_data")) : [];
    assert.deepEqual(exported, [], "no export of nothing");
    assert.doesNotMatch(result.stdout, /exported/);
  }
});

test("validate fails what run fails before its first call (empty dataset, CSV without a header, provider without its key), with run's one-line message", async (t) => {
  const dir = tempDir(t, "personasynth-msg-");
  writeFileSync(join(dir, "empty.jsonl"), "");
  writeFileSync(join(dir, "no-header.csv"), "How do I reset my password?\nWhat is a mutex?\n");
  const cases = [
    {
      name: "empty dataset",
      yaml: "paths: { query_datasets: [empty.jsonl] }\n",
      row: /seed queries\s+FAIL/,
      fix: /the file is empty .*\(add queries to it, or remove it from paths\.query_datasets\)/,
    },
    {
      name: "CSV without a header",
      yaml: "paths: { query_datasets: [no-header.csv] }\n",
      row: /seed queries\s+FAIL/,
      fix: /the header row \(line 1\) names no text column .*must be a header naming the text column/,
    },
    {
      name: "provider without its key",
      yaml: "api: { provider: openai, model: gpt-4o-mini }\n",
      row: /providers\s+FAIL/,
      fix: /has no API key: set OPENAI_API_KEY/,
    },
  ];
  for (const c of cases) {
    const config = join(dir, `${c.name.replaceAll(" ", "-")}.yaml`);
    writeFileSync(config, c.yaml);
    const validated = await runCli(["validate", "--config", config]);
    assert.equal(validated.code, 2, `${c.name}: ${validated.stdout}`);
    assert.match(validated.stdout, c.row, c.name);
    assert.match(validated.stdout, c.fix, c.name);
    const out = join(dir, `out-${c.name.replaceAll(" ", "-")}`);
    const ran = await runCli(runArgs(config, 2, out));
    assert.equal(ran.code, 2, `${c.name}: ${ran.stderr}`);
    assert.match(oneErrorLine(ran), c.fix, c.name);
    assert.doesNotMatch(ran.stderr, /^warning:/m, `${c.name}: said once, as the error`);
  }
});
