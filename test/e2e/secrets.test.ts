// Issue 12, finding 8: a configured key never reaches anything written — records, logs, usage,
// exports, caches, messages — wherever it came from (here: interpolated into a model name), and an
// error quoting a file a config path points at quotes at most a short, sanitised excerpt.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { stringify } from "yaml";
import { cli } from "../helpers/cli.js";
import { tempDir } from "../helpers/paths.js";
import { runArgs, startDeterministicFake } from "./harness.js";

const KEY = "sk-live-7f3a9c2e1b8d4f60a5e7";

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test("finding 8: a key interpolated into a model name reaches no file and no message", async (t) => {
  const server = await startDeterministicFake();
  t.after(() => server.close());
  const dir = tempDir(t);
  const out = join(dir, "out");
  const config = join(dir, "config.yaml");
  writeFileSync(
    config,
    stringify({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's own ${VAR} interpolation
      api: { provider: "openai", model: "m-${OPENAI_API_KEY}" },
      interaction_generation: { min_turns: 2, max_turns: 2 },
      distractor: { activation_probability: 1 },
    }),
  );
  const env = { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${server.url}/v1` };
  const run = await cli(runArgs(config, 2, out), { env });
  assert.equal(run.code, 0, run.stderr);
  assert.ok(
    server.requests.some((r) => String(r.body?.model).includes(KEY)),
    "the model name as configured is what the provider gets",
  );
  const exported = await cli(
    ["export", "--config", config, "--store", join(out, "interactions"), "--out", join(out, "again")],
    { env },
  );
  assert.equal(exported.code, 0, exported.stderr);
  const stats = await cli(["stats", "--config", config, "--store", join(out, "interactions")], { env });
  assert.equal(stats.code, 0, stats.stderr);

  const leaks = filesUnder(out).filter((f) => readFileSync(f).includes(KEY));
  assert.deepEqual(leaks, [], "files holding the key");
  for (const [name, text] of Object.entries({ run, exported, stats }))
    assert.ok(!`${text.stdout}${text.stderr}`.includes(KEY), `${name} printed the key`);
  // The records still say which model made them, with the key masked.
  const records = readFileSync(join(out, "interactions", "interactions-000001.jsonl"), "utf8");
  assert.match(records, /"model":"m-\[redacted\]"/);
});

test("finding 8: an error about a file a config path points at shows no secret from it", async (t) => {
  const dir = tempDir(t);
  const secrets = join(dir, "secrets.env");
  writeFileSync(secrets, `OPENAI_API_KEY=${KEY}\nANTHROPIC_API_KEY=sk-ant-api03-Zq8XvL2mN5pR7tY1wE4\n`);
  const config = join(dir, "config.yaml");
  for (const key of [
    { paths: { persona_bank: { persona: secrets } } },
    { paths: { sampling: { config: secrets } } },
    { distractor: { strategy_path: secrets } },
    { paths: { query_datasets: [{ path: secrets, format: "csv" }] } },
    { paths: { query_datasets: [{ path: secrets, format: "jsonl" }] } },
  ]) {
    writeFileSync(config, stringify(key));
    for (const args of [
      ["validate", "--config", config],
      ["run", "--config", config, "--out", join(dir, "out")],
    ]) {
      const result = await cli(args, { env: {} });
      const text = `${result.stdout}${result.stderr}`;
      assert.ok(
        !text.includes(KEY.slice(3, 15)),
        `${args[0]} ${JSON.stringify(key)} quoted the key:\n${text}`,
      );
      assert.ok(!text.includes("Zq8XvL2mN5pR"), `${args[0]} ${JSON.stringify(key)} quoted a key:\n${text}`);
    }
  }
});
