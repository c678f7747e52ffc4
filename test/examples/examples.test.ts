import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { ROOT, tempDir } from "../helpers/paths.js";

const run = promisify(execFile);

async function example(name: string, args: string[] = []): Promise<string> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", join(ROOT, "examples", name), ...args], {
    cwd: ROOT,
  });
  return stdout;
}

test("collect-from-interactions prints the samples of the bundled example store", async () => {
  const out = await example("collect-from-interactions.ts");
  assert.match(out, /^Collected 6 samples$/m);
  assert.equal(out.match(/^ID: sample_/gm)?.length, 3);
  assert.match(out, /^Turns: 3$/m);
});

test("export-to-files writes the unsplit, split and statistics files it names", async (t) => {
  const out = await example("export-to-files.ts", [join(ROOT, "examples/data/interactions"), tempDir(t)]);
  const paths = [...out.matchAll(/: (\/\S+\.json)$/gm)].map((m) => m[1] ?? "");
  assert.equal(paths.length, 5, out);
  for (const path of paths) assert.ok(existsSync(path), path);
  const stats = JSON.parse(readFileSync(paths[4] ?? "", "utf8"));
  assert.equal(stats.total_samples, 6);
});

test("compute-statistics prints totals, average turns and the noise rate", async () => {
  const out = await example("compute-statistics.ts");
  assert.equal(out, "Total samples: 6\nAverage turns: 2.5\nNoise rate: 20.0%\n");
});

test("complete-pipeline runs the whole pipeline offline and reports the exported files", async (t) => {
  const out = await example("complete-pipeline.ts", ["-", tempDir(t)]);
  assert.match(out, /^Samples: 15$/m);
  const files = JSON.parse(/^Files: (.*)$/m.exec(out)?.[1] ?? "{}") as Record<string, string>;
  assert.deepEqual(Object.keys(files), ["train", "validation", "test"]);
  for (const path of Object.values(files)) assert.ok(existsSync(path), path);
});
