// Config files as editors and tools write them: a UTF-8 BOM (Windows editors), CRLF line endings, an
// empty or comment-only file, each read as written; tabs as indentation, a list or a scalar are one
// usage error naming the file and line. And an unset `${VAR}` leaves its key out, with a warning.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { cli } from "../helpers/cli.js";
import { tempDir } from "../helpers/paths.js";

/** The generation a dry run would use (it is in the plan id's hash and in `export --generation current`). */
async function dryPlan(config: string, env: Record<string, string> = {}): Promise<string> {
  const result = await cli(["run", "--config", config, "--personas", "2", "--dry-run"], { env });
  assert.equal(result.code, 0, result.stderr);
  return /dry run of (plan_[0-9a-f]+)/.exec(result.stdout)?.[1] as string;
}

test("a BOM, CRLF endings, comments or nothing at all: read as written (same plan as the plain file)", async (t) => {
  const dir = tempDir(t);
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const plain = await dryPlan(write("plain.yaml", "experiment:\n  seed: 3\n"));
  assert.equal(await dryPlan(write("bom.yaml", "\ufeffexperiment:\n  seed: 3\n")), plain);
  assert.equal(await dryPlan(write("crlf.yaml", "experiment:\r\n  seed: 3\r\n")), plain);
  assert.notEqual(await dryPlan(write("seed4.yaml", "experiment:\n  seed: 4\n")), plain, "the seed counts");
  const defaults = await dryPlan(write("empty.yaml", ""));
  assert.equal(await dryPlan(write("comments.yaml", "# nothing here\n# yet\n")), defaults);
});

test("tabs as indentation, a list or a scalar: exit 2 naming file:line", async (t) => {
  const dir = tempDir(t);
  for (const [name, text, message] of [
    [
      "tabs.yaml",
      "experiment:\n\tseed: 3\n",
      /tabs\.yaml:2:1: invalid YAML: Tabs are not allowed as indentation/,
    ],
    ["list.yaml", "- a\n- b\n", /list\.yaml:1:1: expected a mapping, got a list/],
    ["scalar.yaml", "just text\n", /scalar\.yaml:1:1: expected a mapping, got string/],
  ] as const) {
    const path = join(dir, name);
    writeFileSync(path, text);
    const result = await cli(["run", "--config", path, "--personas", "2", "--out", join(dir, "out")]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, message);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  }
});

test("an unset PROVIDER variable as api.provider leaves the key out (the default, offline), with a warning naming it", async (t) => {
  const dir = tempDir(t);
  const path = join(dir, "config.yaml");
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's own ${VAR} interpolation
  writeFileSync(path, "api:\n  provider: ${PROVIDER}\n");
  const result = await cli(["run", "--config", path, "--personas", "2", "--dry-run"], { env: {} });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /config\.yaml:2:13: api\.provider: environment variable PROVIDER is not set/);
  assert.match(result.stdout, /offline\/offline-v1/);
});
