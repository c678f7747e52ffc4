import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { cli } from "../helpers/cli.js";
import { tempDir, UPSTREAM } from "../helpers/paths.js";

test("validate with no config passes on the defaults", async () => {
  const { code, stdout } = await cli(["validate"]);
  assert.equal(code, 0);
  assert.match(stdout, /config\s+PASS\s+built-in defaults/);
  assert.match(stdout, /config is valid/);
});

test("validate prints a FAIL row and every problem with line:col, exit 2", async (t) => {
  const dir = tempDir(t);
  const file = join(dir, "config.yaml");
  writeFileSync(file, "api:\n  provder: openai\ninteraction_generation:\n  min_turns: 9\n");
  const { code, stdout } = await cli(["validate", "--config", file]);
  assert.equal(code, 2);
  assert.match(stdout, /config\s+FAIL/);
  assert.ok(stdout.includes(`${file}:2:3: api.provder: unknown key "provder"`), stdout);
  assert.ok(
    stdout.includes(
      `${file}:4:14: interaction_generation.min_turns: min_turns (9) must not exceed max_turns (5)`,
    ),
    stdout,
  );
});

test("validate checks the files the config names, and warns about unset variables", async (t) => {
  const dir = tempDir(t);
  const file = join(dir, "config.yaml");
  writeFileSync(
    file,
    `api:\n  api_key: \${NOPE_KEY}\npaths:\n  persona_bank: {persona: "${UPSTREAM}persona.yaml"}\n  sampling: {config: "${UPSTREAM}sampling_config.yaml"}\ndistractor:\n  strategy_path: "${UPSTREAM}distractor_strategy.yaml"\n`,
  );
  const { code, stdout } = await cli(["validate", "--config", file]);
  assert.equal(code, 0, stdout);
  assert.match(stdout, /config\s+WARN/);
  assert.match(stdout, /WARN .*api\.api_key: environment variable NOPE_KEY is not set/);
  assert.match(stdout, /persona bank\s+PASS\s+.*persona\.yaml/);
  assert.match(stdout, /sampling config\s+PASS/);
  assert.match(stdout, /distractor strategies\s+PASS/);
});

test("validate reports a broken persona bank as its own FAIL row", async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, "bank.yaml"), "dimensions:\n  - name: role\n    values: []\n");
  writeFileSync(join(dir, "config.yaml"), "paths:\n  persona_bank: {persona: bank.yaml}\n");
  const { code, stdout } = await cli(["validate", "--config", join(dir, "config.yaml")]);
  assert.equal(code, 2);
  assert.match(stdout, /persona bank\s+FAIL/);
  assert.match(stdout, /bank\.yaml:3:5: dimensions\[0\]\.values: needs at least one value/);
});

test("a missing config file, an unknown command and a bad option exit 2", async () => {
  assert.equal((await cli(["validate", "--config", "/nonexistent/c.yaml"])).code, 2);
  const unknown = await cli(["frobnicate"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command/);
  assert.equal((await cli(["export", "--format", "xml", "--store", "/tmp"])).code, 2);
  assert.equal((await cli(["--help"])).code, 0);
});
