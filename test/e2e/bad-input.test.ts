// Issue 6: bad input ends in one error line that says how to fix it, with the right exit code, and
// leaves the store consistent and resumable.
import assert from "node:assert/strict";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { tempDir } from "../helpers/paths.js";
import {
  closedPort,
  exportedSamples,
  latestExport,
  oneErrorLine,
  readStoreLines,
  repeatedRequests,
  runArgs,
  runCli,
  startDeterministicFake,
  writeConfig,
} from "./harness.js";

/** Every stored interaction line parses and no id is there twice; returns how many there are. */
function consistentStore(out: string): number {
  const records = readStoreLines(join(out, "interactions"));
  assert.equal(new Set(records.map((r) => r.interaction_id)).size, records.length);
  return records.length;
}

function assertComplete(out: string, expected: number): void {
  assert.equal(consistentStore(out), expected);
  const samples = exportedSamples(latestExport(join(out, "training_data")));
  assert.equal(samples.length, expected);
  assert.equal(new Set(samples.map((s) => s.sample_id)).size, expected);
}

test("no key for a configured provider: exit 2 naming OPENAI_API_KEY; with the key set the same run completes", async (t) => {
  const server = await startDeterministicFake({ requireKey: "sk-from-env" });
  t.after(() => server.close());
  const dir = tempDir(t, "personasynth-e2e-");
  const out = join(dir, "out");
  const config = writeConfig(dir, server.url, {
    api: { provider: "openai", model: "fake-model" },
    providers: null,
  });
  const args = runArgs(config, 2, out);

  const missing = await runCli(args);
  assert.equal(missing.code, 2, missing.stderr);
  const line = oneErrorLine(missing);
  assert.match(line, /OPENAI_API_KEY/);
  assert.match(line, /\bset\b/, "says how to fix it");
  assert.equal(server.requests.length, 0);
  consistentStore(out);

  const fixed = await runCli(args, { OPENAI_API_KEY: "sk-from-env", OPENAI_BASE_URL: `${server.url}/v1` });
  assert.equal(fixed.code, 0, fixed.stderr);
  assert.equal(server.stats().faulted.status401, undefined, "the key from the environment is sent");
  assertComplete(out, 6);
});

test("a key the provider rejects (401): exit 2, one line saying to check the key, the key never printed", {}, async (t) => {
  const server = await startDeterministicFake({ latencyMs: 20, requireKey: "sk-right" });
  t.after(() => server.close());
  const dir = tempDir(t, "personasynth-e2e-");
  const out = join(dir, "out");
  const result = await runCli(
    runArgs(writeConfig(dir, server.url, { providers: { fake: { api_key: "sk-wrong-key" } } }), 4, out),
  );
  assert.doesNotMatch(result.stderr, /sk-wrong-key/);
  const line = oneErrorLine(result);
  assert.match(line, /401|key/i);
  assert.match(line, /check the API key/);
  assert.equal(result.code, 2, result.stderr);
  consistentStore(out);
});

test("an unreachable endpoint: exit 1 quickly, one line saying so and how to fix it; then the run resumes", async (t) => {
  const dir = tempDir(t, "personasynth-e2e-");
  const out = join(dir, "out");
  const port = await closedPort();
  const config = writeConfig(dir, `http://127.0.0.1:${port}`);
  const args = runArgs(config, 4, out);

  const down = await runCli(args);
  t.diagnostic(`unreachable endpoint: exit ${down.code} after ${Math.round(down.ms)} ms`);
  assert.equal(down.code, 1, down.stderr);
  assert.ok(down.ms < 30_000, `took ${Math.round(down.ms)} ms`);
  const line = oneErrorLine(down);
  assert.match(line, /unreachable|connection failed|ECONNREFUSED/i);
  assert.match(line, /base_url/, "says what to check");
  assert.equal(consistentStore(out), 0);

  // The endpoint comes back: the same plan runs to the end.
  const server = await startDeterministicFake();
  t.after(() => server.close());
  writeConfig(dir, server.url);
  const up = await runCli(args);
  assert.equal(up.code, 0, up.stderr);
  assert.match(up.stdout, /\(resumed\)/);
  assertComplete(out, 12);
});

test("a budget reached mid-run: exit 1, one line saying to raise it and rerun; a higher budget completes the run", async (t) => {
  const server = await startDeterministicFake({ latencyMs: 10 });
  t.after(() => server.close());
  const dir = tempDir(t, "personasynth-e2e-");
  const out = join(dir, "out");
  // $1000 per million tokens: a call costs about $0.50 and the whole run about $60.
  const prices = { "fake-model": { input: 1000, output: 1000 } };
  const args = (budget: number) =>
    runArgs(writeConfig(dir, server.url, { llm: { prices, budget_usd: budget } }), 4, out);

  const stopped = await runCli(args(20));
  assert.equal(stopped.code, 1, stopped.stderr);
  const line = oneErrorLine(stopped);
  assert.match(line, /budget/i);
  assert.match(line, /reached/);
  assert.match(line, /raise llm\.budget_usd/);
  assert.match(line, /rerun/);
  // The items the stop cut short are not failures of their own: no "failed item_…" line per item.
  assert.doesNotMatch(stopped.stderr, /^failed item_/m);
  assert.doesNotMatch(stopped.stderr, /conversations, [1-9]\d* failed/, "progress counts no failures");
  const storedAtStop = consistentStore(out);
  assert.ok(storedAtStop < 12);
  const firstRun = server.requests.length;
  assert.ok(firstRun > 0);

  const resumed = await runCli(args(10_000));
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.ok(server.requests.length > firstRun, "the budget stopped the run before its end");
  assertComplete(out, 12);
  const again = repeatedRequests(server.requests);
  t.diagnostic(
    `budget stop after ${firstRun} requests (${storedAtStop} stored), ${server.requests.length} in all, ${again} repeated`,
  );
  // Calls in flight when the budget is reached are finished and cached, not thrown away.
  assert.ok(again <= server.requests.length / 100, `${again} requests repeated`);
});

test("an output path that is not writable: exit 1, one line naming the path", {}, async (t) => {
  const server = await startDeterministicFake();
  t.after(() => server.close());
  const dir = tempDir(t, "personasynth-e2e-");
  const file = join(dir, "a-file");
  writeFileSync(file, "not a directory\n");
  const out = join(file, "out");
  const result = await runCli(runArgs(writeConfig(dir, server.url), 2, out));
  assert.equal(result.code, 1, result.stderr);
  const line = oneErrorLine(result);
  assert.ok(line.includes(file), `the error names the path: ${line}`);
  assert.match(line, /--out|permission|directory/);
  assert.equal(server.requests.length, 0);
  assert.deepEqual(readdirSync(dir).sort(), ["a-file", "config.yaml"]);
  assert.equal(existsSync(out), false);
});
