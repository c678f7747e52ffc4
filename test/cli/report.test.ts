import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { InteractionStorage } from "../../src/interaction/storage.js";
import { cli } from "../helpers/cli.js";
import { makeInteraction } from "../helpers/interactions.js";
import { tempDir } from "../helpers/paths.js";
import { readReportBlocks } from "../helpers/report-html.js";

async function store(dir: string, count: number): Promise<string> {
  const path = join(dir, "interactions");
  const storage = new InteractionStorage(path);
  for (let i = 0; i < count; i++) await storage.save(makeInteraction(i, { noisy: i % 2 === 0 }));
  await storage.close();
  return path;
}

test("report --store --out writes one HTML file and says what is in it", async (t) => {
  const dir = tempDir(t);
  await store(dir, 9);
  const { code, stdout, stderr } = await cli(["report", "--store", "interactions", "--out", "r.html"], {
    cwd: dir,
  });
  assert.equal(code, 0, stderr);
  const file = join(dir, "r.html");
  assert.match(stdout, new RegExp(`^report of 9 samples from 7 personas: ${file} \\(0\\.\\d MB\\)\\n$`));
  const data = readReportBlocks(readFileSync(file, "utf8"));
  assert.equal(data.index.samples.id.length, 9);
});

test("report --max-samples bounds the browser and says so", async (t) => {
  const dir = tempDir(t);
  await store(dir, 9);
  const { code, stdout } = await cli(
    ["report", "--store", "interactions", "--max-samples", "4", "--title", "Run 7"],
    {
      cwd: dir,
    },
  );
  assert.equal(code, 0);
  assert.match(stdout, /report of 9 samples from 7 personas \(4 in the browser\)/);
  const html = readFileSync(join(dir, "report.html"), "utf8");
  assert.match(html, /<title>Run 7<\/title>/);
  assert.equal(readReportBlocks(html).index.samples.id.length, 4);
});

test("report without a store, or with a bad --max-samples, fails clearly and writes nothing", async (t) => {
  const dir = tempDir(t);
  const missing = await cli(["report", "--store", "nowhere", "--out", "r.html"], { cwd: dir });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /nowhere: no interactions store here/);
  assert.match(missing.stderr, /personasynth run/);
  await store(dir, 2);
  const bad = await cli(["report", "--store", "interactions", "--max-samples", "lots"], { cwd: dir });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--max-samples must be a whole number/);
  assert.equal(existsSync(join(dir, "r.html")), false);
  assert.equal(existsSync(join(dir, "report.html")), false);
});
