// Issue 12, finding 7: nothing is written outside --out. Symbolic links inside the output tree are
// refused (never followed); an --out that is itself a link is used as its real path, announced once.
import assert from "node:assert/strict";
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { cli } from "../helpers/cli.js";
import { tempDir } from "../helpers/paths.js";

test("finding 7: a symlinked interactions segment is refused; the file it points to is left untouched", async (t) => {
  const dir = tempDir(t);
  const out = join(dir, "out");
  assert.equal((await cli(["run", "--personas", "3", "--out", out], { env: {} })).code, 0);
  const segment = join(out, "interactions", "interactions-000001.jsonl");
  const outside = join(dir, "outside.jsonl");
  // The outside file ends in a torn line: following the link would cut it and append to it.
  writeFileSync(outside, `${readFileSync(segment, "utf8")}{"interaction_id":"x`);
  const before = readFileSync(outside, "utf8");
  renameSync(segment, join(dir, "moved.jsonl"));
  symlinkSync(outside, segment);
  const run = await cli(["run", "--personas", "4", "--out", out], { env: {} });
  assert.notEqual(run.code, 0, "a link inside --out is refused");
  assert.match(run.stderr, /symbolic link/);
  assert.match(run.stderr, /interactions-000001\.jsonl/);
  assert.equal(readFileSync(outside, "utf8"), before, "the outside file was neither cut nor appended to");
});

test("finding 7: a symlinked logs/ directory is refused before anything is written through it", async (t) => {
  const dir = tempDir(t);
  const out = join(dir, "out");
  const outside = join(dir, "elsewhere");
  mkdirSync(out);
  mkdirSync(outside);
  symlinkSync(outside, join(out, "logs"));
  const run = await cli(["run", "--personas", "2", "--out", out], { env: {} });
  assert.notEqual(run.code, 0);
  assert.match(run.stderr, /symbolic link/);
  assert.deepEqual(readdirSync(outside), [], "nothing written through the link");
});

test("an --out that is a link is used as its real path, announced once", async (t) => {
  const dir = tempDir(t);
  const real = join(dir, "real");
  mkdirSync(real);
  const link = join(dir, "link");
  symlinkSync(real, link);
  const run = await cli(["run", "--personas", "2", "--out", link], { env: {} });
  assert.equal(run.code, 0, run.stderr);
  const realPath = realpathSync(real);
  const mentions = `${run.stdout}${run.stderr}`
    .split("\n")
    .filter((l) => l.includes(`resolves to ${realPath}`));
  assert.equal(mentions.length, 1, `announced once:\n${run.stderr}`);
  assert.ok(readdirSync(real).includes("interactions"));
  assert.match(run.stdout, new RegExp(realPath.replace(/[/.]/g, "\\$&")), "the summary names the real path");
});
