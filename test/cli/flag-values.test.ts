// Flag values. Numbers on the command line are plain digits: `Number()` alone read "" as 0, "0x10"
// as 16 and "1e2" as 100, so a typo or an empty shell variable silently ran something else. A
// `--stage` naming no stage turned every stage off.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { cli } from "../helpers/cli.js";
import { tempDir } from "../helpers/paths.js";

const REJECTED = ["", " 3", "0x10", "1e2", "+4", "3.0", "1_000"];

test("every number flag of run takes plain digits only: anything else is a usage error that writes nothing", async (t) => {
  const out = join(tempDir(t), "out");
  for (const flag of ["--personas", "--threads", "--workers", "--concurrency"]) {
    for (const value of REJECTED) {
      const result = await cli(["run", flag, value, "--out", out]);
      assert.equal(result.code, 2, `${flag} "${value}": ${result.stderr}`);
      assert.match(
        result.stderr,
        new RegExp(
          `^(warning: .*\\n)?error: ${flag} must be .*, got "${value.replace("+", "\\+")}" \\(write it in plain digits\\)\\n$`,
        ),
      );
      // Checked before anything is made: not even the run's log.
      assert.equal(existsSync(out), false, `${flag} "${value}" wrote ${out}`);
    }
  }
});

test("a bad --backend or --redis-url without it is refused before the output directory is made", async (t) => {
  const out = join(tempDir(t), "out");
  const backend = await cli(["run", "--personas", "2", "--backend", "elsewhere", "--out", out]);
  assert.equal(backend.code, 2);
  assert.match(backend.stderr, /^error: unknown backend "elsewhere"/);
  const queue = await cli(["run", "--personas", "2", "--queue", "q", "--out", out]);
  assert.equal(queue.code, 2);
  assert.match(queue.stderr, /^error: --redis-url and --queue go with --backend redis/);
  assert.equal(existsSync(out), false);
});

test("export --keep-exports and report --max-samples take plain digits only", async (t) => {
  const dir = tempDir(t);
  const run = await cli(["run", "--personas", "2", "--out", dir, "--stage", "personas,queries,interactions"]);
  assert.equal(run.code, 0, run.stderr);
  for (const value of REJECTED) {
    const keep = await cli(["export", "--store", dir, "--keep-exports", value, "--out", join(dir, "x")]);
    assert.equal(keep.code, 2, `--keep-exports "${value}": ${keep.stderr}`);
    assert.match(keep.stderr, /^error: --keep-exports must be a positive integer, got/);
    const report = await cli([
      "report",
      "--store",
      dir,
      "--max-samples",
      value,
      "--out",
      join(dir, "r.html"),
    ]);
    assert.equal(report.code, 2, `--max-samples "${value}": ${report.stderr}`);
    assert.match(report.stderr, /^error: --max-samples must be a whole number ≥ 0, got/);
  }
  assert.equal(existsSync(join(dir, "x")), false);
  assert.equal(existsSync(join(dir, "r.html")), false);
  // The edges that are valid stay valid.
  const zero = await cli(["report", "--store", dir, "--max-samples", "0", "--out", join(dir, "r.html")]);
  assert.equal(zero.code, 0, zero.stderr);
  assert.match(zero.stdout, /\(0 in the browser\)/);
});

test("--stage naming no stage (empty, or only commas) is a usage error, not a run of nothing", async (t) => {
  const out = join(tempDir(t), "out");
  for (const value of ["", ",", " , "]) {
    const result = await cli(["run", "--personas", "2", "--stage", value, "--out", out]);
    assert.equal(result.code, 2, `--stage "${value}": ${result.stderr}`);
    assert.equal(
      result.stderr,
      `error: --stage names no stage, got "${value}" (name one or more of personas, queries, interactions, distractor, export, comma-separated)\n`,
    );
  }
  assert.equal(existsSync(out), false);
});

test("--threads and --workers (its old name) together are a usage error, not one silently ignored", async (t) => {
  const out = join(tempDir(t), "out");
  const result = await cli(["run", "--personas", "2", "--threads", "0", "--workers", "2", "--out", out]);
  assert.equal(result.code, 2, result.stderr);
  assert.equal(
    result.stderr,
    "error: --workers is the old name of --threads: give one of them (keep --threads)\n",
  );
  assert.equal(existsSync(out), false);
});
