// A password written into a URL is a secret like a key: `base_url: https://user:TOKEN@host/v1`,
// `OPENAI_BASE_URL` with credentials, `--redis-url redis://:PASSWORD@host` (the form the README
// gives). Before, the unreachable-endpoint error printed it, and the run's log and usage records
// kept it (the log starts with the command line); validate printed it in its table.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { stringify } from "yaml";
import { cli } from "../helpers/cli.js";
import { tempDir } from "../helpers/paths.js";
import { closedPort, runArgs } from "./harness.js";

const PASSWORD = "pw-9c1e7b3a5d2f8e60";

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function assertNowhere(out: string, printed: string): void {
  assert.ok(!printed.includes(PASSWORD), `printed the password:\n${printed}`);
  const leaks = filesUnder(out).filter((f) => readFileSync(f).includes(PASSWORD));
  assert.deepEqual(leaks, [], "files holding the password");
}

test("a password in providers.<name>.base_url is masked in the error, the log and the usage records", async (t) => {
  const dir = tempDir(t);
  const out = join(dir, "out");
  const config = join(dir, "config.yaml");
  const port = await closedPort();
  writeFileSync(
    config,
    stringify({
      api: { provider: "local", model: "m" },
      providers: {
        local: { type: "openai-compatible", base_url: `http://user:${PASSWORD}@127.0.0.1:${port}/v1` },
      },
    }),
  );
  const run = await cli(runArgs(config, 2, out));
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /error: cannot reach provider "local" at http:\/\/user:\[redacted\]@127\.0\.0\.1/);
  assertNowhere(out, run.stdout + run.stderr);
});

test("a password in OPENAI_BASE_URL is masked too", async (t) => {
  const dir = tempDir(t);
  const out = join(dir, "out");
  const config = join(dir, "config.yaml");
  writeFileSync(config, stringify({ api: { provider: "openai", model: "m" } }));
  const env = {
    OPENAI_API_KEY: "sk-test-key-123456",
    OPENAI_BASE_URL: `http://someone:${PASSWORD}@127.0.0.1:${await closedPort()}/v1`,
  };
  const run = await cli(runArgs(config, 2, out), { env });
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /error: cannot reach provider "openai" at http:\/\/someone:\[redacted\]@/);
  assertNowhere(out, run.stdout + run.stderr);
});

test("the password of --redis-url does not reach the run's log", async (t) => {
  const out = join(tempDir(t), "out");
  const url = `redis://:${PASSWORD}@127.0.0.1:${await closedPort()}`;
  const run = await cli(["run", "--personas", "2", "--out", out, "--redis-url", url]);
  assert.equal(run.code, 1, run.stderr);
  assertNowhere(out, run.stdout + run.stderr);
  const [log] = readdirSync(join(out, "logs"));
  assert.match(
    readFileSync(join(out, "logs", log as string), "utf8"),
    /"redis:\/\/:\[redacted\]@127\.0\.0\.1:/,
  );
});

test("validate does not print a base_url's password", async (t) => {
  const dir = tempDir(t);
  const config = join(dir, "config.yaml");
  writeFileSync(
    config,
    stringify({
      api: { provider: "local", model: "m" },
      providers: {
        local: { type: "openai-compatible", base_url: `http://user:${PASSWORD}@127.0.0.1:9/v1` },
      },
    }),
  );
  const result = await cli(["validate", "--config", config, "--out", join(dir, "out")]);
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /providers\s+PASS\s+local http:\/\/user:\[redacted\]@127\.0\.0\.1:9\/v1/);
  assert.ok(!(result.stdout + result.stderr).includes(PASSWORD), result.stdout);
});
