// Sources that hold nothing: said as such, never a quiet success that looks like work done.
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { cli } from "../helpers/cli.js";
import { tempDir } from "../helpers/paths.js";

test("import of an original output directory whose interactions/ and personas/ are empty warns that nothing was there", async (t) => {
  const dir = tempDir(t);
  const source = join(dir, "old-output");
  mkdirSync(join(source, "interactions"), { recursive: true });
  mkdirSync(join(source, "personas"));
  const out = join(dir, "out");
  const result = await cli(["import", source, "--out", out]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /interactions\s+0 imported, 0 already in the store, 0 skipped/);
  assert.equal(
    result.stderr,
    `warning: ${source}: nothing to import: its interactions/ and personas/ hold no file (pass the original tool's output directory)\n`,
  );
  assert.equal(existsSync(join(out, "interactions")), false);
});
