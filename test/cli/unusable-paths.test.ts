// Paths that cannot be used as given, and files init must not replace: each is one error line naming the path and what is wrong with
// it (a file where a directory goes, a directory where a file goes, a directory that is not there),
// never a stack trace, a temporary file's name, or a hang.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { oneErrorLine, spawnCli } from "../e2e/harness.js";
import { cli } from "../helpers/cli.js";
import { tempDir } from "../helpers/paths.js";

/** The in-process result in the shape oneErrorLine checks. */
function asResult(result: { code: number; stdout: string; stderr: string }) {
  return { ...result, signal: null, ms: 0 };
}

test("init into a path that is a file: one line saying so, exit 1, no stack trace", async (t) => {
  const dir = tempDir(t);
  const file = join(dir, "notes.txt");
  writeFileSync(file, "mine\n");
  const result = await cli(["init", file]);
  assert.equal(result.code, 1);
  assert.equal(
    oneErrorLine(asResult(result)),
    `error: ${file}: cannot write the config and its input files: it is a file, not a directory (choose a writable directory: personasynth init DIR)`,
  );
});

test("init where the filesystem makes no entries (/proc) fails at once instead of spinning", async () => {
  const { child, done } = spawnCli(["init", "/proc/personasynth-init"]);
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  const result = await done;
  clearTimeout(timer);
  assert.equal(result.signal, null, "init did not end by itself within 20 s");
  assert.equal(result.code, 1);
  assert.match(
    oneErrorLine(result),
    /^error: \/proc\/personasynth-init: cannot write the config .*: the filesystem does not allow creating it/,
  );
});

test("init's next steps can be pasted into a shell when the path has spaces or quotes", async (t) => {
  const dir = join(tempDir(t), "my run's dir");
  const result = await cli(["init", dir]);
  assert.equal(result.code, 0, result.stderr);
  const quoted = `'${dir.replaceAll("'", "'\\''")}/config.yaml'`;
  assert.match(
    result.stdout,
    new RegExp(
      `next: personasynth validate --config ${regexQuote(quoted)} && personasynth run --config ${regexQuote(quoted)}\\n`,
    ),
  );
});

test("run --out naming a file, or a path under a file, names the file in the way", async (t) => {
  const dir = tempDir(t);
  const file = join(dir, "data.bin");
  writeFileSync(file, "x");
  const onFile = await cli(["run", "--personas", "2", "--out", file]);
  assert.equal(onFile.code, 1);
  assert.equal(
    oneErrorLine(asResult(onFile)),
    `error: ${file}: cannot write to the output directory: it is a file, not a directory (choose a directory with --out)`,
  );
  const under = await cli(["run", "--personas", "2", "--out", join(file, "out")]);
  assert.equal(under.code, 1);
  assert.equal(
    oneErrorLine(asResult(under)),
    `error: ${join(file, "out")}: cannot write to the output directory: ${file} is a file, not a directory (choose a directory with --out)`,
  );
});

test("report --out naming a directory: says it is one, names no temporary file and leaves none", async (t) => {
  const dir = tempDir(t);
  const run = await cli(["run", "--personas", "2", "--out", dir, "--stage", "personas,queries,interactions"]);
  assert.equal(run.code, 0, run.stderr);
  const target = join(dir, "reports");
  await cli(["init", target]); // any directory
  const before = readdirSync(dir).sort();
  const result = await cli(["report", "--store", dir, "--out", target]);
  assert.equal(result.code, 1);
  assert.equal(
    oneErrorLine(asResult(result)),
    `error: ${target}: cannot write: it is a directory (give the path of a file, not of a directory)`,
  );
  assert.deepEqual(readdirSync(dir).sort(), before);
});

test("repair --out of a directory that does not exist says so and makes nothing", async (t) => {
  const missing = join(tempDir(t), "typo");
  const result = await cli(["repair", "--out", missing]);
  assert.equal(result.code, 1);
  assert.equal(
    oneErrorLine(asResult(result)),
    `error: ${missing}: no such output directory: nothing to repair (pass the directory the run wrote to, as given to run --out)`,
  );
  assert.equal(existsSync(missing), false);
});

function regexQuote(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

test("init --force rewrites config.yaml but keeps the input files the user edited, and says so", async (t) => {
  const dir = tempDir(t);
  assert.equal((await cli(["init", dir])).code, 0);
  const bank = join(dir, "input", "persona_bank.yaml");
  const prompt = join(dir, "input", "prompts", "paraphrase.txt");
  writeFileSync(bank, "# my own bank\n");
  writeFileSync(join(dir, "config.yaml"), "# my edits\n");
  rmSync(prompt);
  const again = await cli(["init", dir, "--force"]);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(readFileSync(bank, "utf8"), "# my own bank\n");
  assert.notEqual(readFileSync(join(dir, "config.yaml"), "utf8"), "# my edits\n");
  assert.ok(existsSync(prompt), "a missing bundled file is copied again");
  assert.match(
    again.stdout,
    /kept 13 input files already there: input\/persona_bank\.yaml, input\/sampling_config\.yaml, input\/seed_queries\.jsonl and 10 more \(delete one to get the bundled version\)\n/,
  );
});
