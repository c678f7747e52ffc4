// Issue 13: the CLI says what each stage did, finds a store from a run's output directory, checks its
// flags, warns when a dry run's estimate passes the budget, and logs each run (never a key).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { tempDir } from "../helpers/paths.js";
import { oneErrorLine, runArgs, runCli, startDeterministicFake, writeConfig } from "./harness.js";

test("--stage personas then --stage export on an empty --out: each says what it did; an export of nothing fails saying so", async (t) => {
  const dir = tempDir(t, "personasynth-stage-");
  const out = join(dir, "out");
  const personas = await runCli(["run", "--personas", "3", "--out", out, "--stage", "personas"]);
  assert.equal(personas.code, 0, personas.stderr);
  assert.match(personas.stdout, /3 personas sampled and stored, 9 items planned; no conversation was run/);
  assert.doesNotMatch(personas.stdout + personas.stderr, /already done|from before|produced/);
  const exported = await runCli(["run", "--personas", "3", "--out", out, "--stage", "export"]);
  assert.equal(exported.code, 1, exported.stderr);
  const line = oneErrorLine(exported);
  assert.match(line, /nothing to export: no conversation is stored here/);
  assert.match(line, /run the interactions stage first/);
  assert.deepEqual(readdirSync(join(out, "training_data")), [], "no empty export files");
  const sampling = await runCli(["run", "--personas", "1", "--out", join(dir, "one"), "--stage", "personas"]);
  assert.match(sampling.stderr, /sampling 1 persona and selecting/);
});

test("export --store takes a run's output directory; neither a store nor an output directory says what was expected", async (t) => {
  const dir = tempDir(t, "personasynth-stage-");
  const out = join(dir, "out");
  assert.equal((await runCli(["run", "--personas", "2", "--out", out])).code, 0);
  const fromRoot = await runCli(["export", "--store", out, "--out", join(dir, "exported")]);
  assert.equal(fromRoot.code, 0, fromRoot.stderr);
  assert.match(fromRoot.stdout, /exported 6 samples from 2 personas/);
  const stats = await runCli(["stats", "--store", out, "--json"]);
  assert.equal(stats.code, 0, stats.stderr);
  assert.equal((JSON.parse(stats.stdout) as { total_samples: number }).total_samples, 6);
  const neither = await runCli(["export", "--store", dir]);
  assert.equal(neither.code, 1, neither.stderr);
  const line = oneErrorLine(neither);
  assert.ok(line.includes(dir));
  assert.match(
    line,
    /--store takes a store \(a directory of interactions-NNNNNN\.jsonl files\) or the output directory of a run/,
  );
});

test("flags and names are checked: --seed abc, an unknown stage or provider get a did-you-mean", async (t) => {
  const dir = tempDir(t, "personasynth-stage-");
  const seed = await runCli(["run", "--seed", "abc", "--dry-run"]);
  assert.equal(seed.code, 2);
  assert.match(
    oneErrorLine(seed),
    /--seed must be a whole number, got "abc" \(a text seed can be set as experiment\.seed/,
  );
  const stage = await runCli(["run", "--stage", "intractions", "--dry-run"]);
  assert.equal(stage.code, 2);
  assert.match(oneErrorLine(stage), /unknown stage "intractions" \(did you mean "interactions"\?\)/);
  const config = writeConfig(dir, "http://127.0.0.1:9", { api: { provider: "openia", model: "m" } });
  const provider = await runCli(["validate", "--config", config]);
  assert.equal(provider.code, 2);
  assert.match(provider.stdout, /unknown provider "openia" \(did you mean "openai"\?\)/);
});

test("--dry-run warns when the estimate exceeds llm.budget_usd, and says costs show as - without prices", async (t) => {
  const server = await startDeterministicFake();
  t.after(() => server.close());
  const dir = tempDir(t, "personasynth-stage-");
  const priced = writeConfig(dir, server.url, {
    llm: { prices: { "fake-model": { input: 100, output: 100 } }, budget_usd: 1 },
  });
  const over = await runCli(["run", "--config", priced, "--personas", "3", "--dry-run"]);
  assert.equal(over.code, 0, over.stderr);
  assert.match(
    over.stderr,
    /^warning: the estimated cost \$\d+\.\d\d exceeds llm\.budget_usd \(\$1\.00\): the run would stop at the budget/m,
  );
  const unpriced = writeConfig(dir, server.url, { llm: { budget_usd: 1 } });
  const free = await runCli(["run", "--config", unpriced, "--personas", "3", "--dry-run"]);
  // The total row's cost column (the last) shows "-".
  assert.match(free.stdout, /^total\s+\d.*\s-$/m);
  assert.match(free.stdout, /costs are not estimated \(shown as -\)/);
  assert.match(free.stderr, /warning: llm\.budget_usd is set but no price is/);
  assert.equal(server.requests.length, 0);
});

test("the run log has the version, the arguments, the events, the final summary with money rounded, or the error; never a key", async (t) => {
  const server = await startDeterministicFake({ requireKey: "sk-very-secret-key" });
  t.after(() => server.close());
  const dir = tempDir(t, "personasynth-log-");
  const out = join(dir, "out");
  const config = writeConfig(dir, server.url, {
    providers: { fake: { api_key: "sk-very-secret-key" } },
    llm: { prices: { "fake-model": { input: 0.15, output: 0.6 } } },
  });
  const logOf = (stdout: string) => {
    const path =
      /^log: (.*)$/m.exec(stdout)?.[1] ??
      readdirSync(join(out, "logs"))
        .map((f) => join(out, "logs", f))
        .at(-1);
    return readFileSync(path as string, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  };
  const ok = await runCli(runArgs(config, 2, out));
  assert.equal(ok.code, 0, ok.stderr);
  const entries = logOf(ok.stdout);
  const start = entries[0] as Record<string, unknown>;
  assert.equal(start.type, "start");
  assert.match(String(start.version), /^\d+\.\d+\.\d+/);
  assert.deepEqual(start.argv, runArgs(config, 2, out));
  const summary = entries.at(-1) as Record<string, unknown>;
  assert.equal(summary.type, "summary");
  assert.equal(summary.produced, 6);
  const cost = summary.cost_usd as number;
  assert.ok(cost > 0 && Math.round(cost * 1e6) === cost * 1e6, `money rounded: ${cost}`);
  assert.ok(entries.some((e) => e.type === "plan"));

  const wrongKey = writeConfig(dir, server.url, { providers: { fake: { api_key: "sk-wrong-but-secret" } } });
  const failed = await runCli(runArgs(wrongKey, 2, join(dir, "out2")), {
    ANOTHER_API_KEY: "sk-from-the-environment",
  });
  assert.equal(failed.code, 2, failed.stderr);
  const logs = join(dir, "out2", "logs");
  const text = readFileSync(join(logs, readdirSync(logs)[0] as string), "utf8");
  const error = text
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .at(-1);
  assert.equal(error?.type, "error");
  assert.equal(error?.exit_code, 2);
  assert.match(String(error?.message), /check the API key/);
  const everyLog = [out, join(dir, "out2")]
    .flatMap((o) => readdirSync(join(o, "logs")).map((f) => readFileSync(join(o, "logs", f), "utf8")))
    .join("");
  for (const secret of ["sk-very-secret-key", "sk-wrong-but-secret", "sk-from-the-environment"])
    assert.ok(!everyLog.includes(secret), `${secret} is in a log`);
});
