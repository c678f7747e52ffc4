// An empty value where a path goes (`--out "$OUT_DIR"` with the variable unset) is a usage error. It
// was read as the current directory: a whole run, or an export, landed in the working directory.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { cli } from "../helpers/cli.js";
import { tempDir } from "../helpers/paths.js";

test("an empty --out, --store, --config, --queue or DIR is refused and nothing lands in the working directory", async (t) => {
  const cwd = tempDir(t);
  const store = tempDir(t);
  const made = await cli([
    "run",
    "--personas",
    "2",
    "--out",
    store,
    "--stage",
    "personas,queries,interactions",
  ]);
  assert.equal(made.code, 0, made.stderr);
  const cases: Array<[string[], string]> = [
    [["run", "--personas", "2", "--out", ""], "--out is empty"],
    [["run", "--personas", "2", "--config", " "], "--config is empty"],
    [["run", "--personas", "2", "--queue", ""], "--queue is empty"],
    [["export", "--store", store, "--out", ""], "--out is empty"],
    [["export", "--store", ""], "--store is empty"],
    [["stats", "--store", ""], "--store is empty"],
    [["report", "--store", store, "--out", ""], "--out is empty"],
    [["repair", "--out", ""], "--out is empty"],
    [["validate", "--out", ""], "--out is empty"],
    [["import", ""], "the DIR argument is empty"],
    [["init", ""], "the DIR argument is empty"],
  ];
  for (const [args, message] of cases) {
    const result = await cli(args, { cwd });
    assert.equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
    assert.match(result.stderr, new RegExp(`^error: ${message} \\(`), args.join(" "));
    assert.deepEqual(readdirSync(cwd), [], `${args.join(" ")} wrote into the working directory`);
  }
  // Leaving the option out still means its default.
  const init = await cli(["init"], { cwd });
  assert.equal(init.code, 0, init.stderr);
  assert.ok(readdirSync(cwd).includes("config.yaml"));
  assert.ok(readdirSync(join(cwd, "input")).length > 0);
});
