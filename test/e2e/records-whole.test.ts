// Issue 12, findings 2 and 3: a record is either whole and valid, or redone. A complete last record
// without its newline is kept; a planned record that fails the schema is quarantined and redone; a
// corrupt line in the middle stops the run with file:line and the fix (`personasynth repair`).
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { cli } from "../helpers/cli.js";
import { tempDir } from "../helpers/paths.js";

const SEGMENT = "interactions-000001.jsonl";
/** A fixed SOURCE_DATE_EPOCH: a redone record is then byte-identical to the original. */
const ENV = { SOURCE_DATE_EPOCH: "1767225600" };

function storeLines(out: string): string[] {
  return readFileSync(join(out, "interactions", SEGMENT), "utf8").split("\n");
}

function exportCount(out: string, dir: string): Promise<number> {
  return cli(["export", "--store", join(out, "interactions"), "--out", dir, "--no-split", "--no-timestamp"], {
    env: ENV,
  }).then((r) => {
    assert.equal(r.code, 0, r.stderr);
    return (JSON.parse(readFileSync(join(dir, "train_samples.json"), "utf8")) as unknown[]).length;
  });
}

test("finding 2: a complete last record without its newline is kept (newline added), not cut as torn", async (t) => {
  const dir = tempDir(t);
  const out = join(dir, "out");
  const first = await cli(["run", "--personas", "10", "--out", out], { env: ENV });
  assert.equal(first.code, 0, first.stderr);
  const path = join(out, "interactions", SEGMENT);
  const text = readFileSync(path, "utf8");
  assert.ok(text.endsWith("}\n"));
  writeFileSync(path, text.slice(0, -1)); // the last record whole, its newline lost
  const again = await cli(["run", "--personas", "10", "--out", out], { env: ENV });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /produced 0 \(\+30 from before\)/);
  assert.equal(await exportCount(out, join(dir, "export")), 30, "the record is kept");
  // The next append adds the newline first: the record stays whole and the new ones follow it.
  const more = await cli(["run", "--personas", "11", "--out", out], { env: ENV });
  assert.equal(more.code, 0, more.stderr);
  assert.ok(readFileSync(path, "utf8").startsWith(text), "the record is kept and its newline restored");
  assert.equal(await exportCount(out, join(dir, "export")), 63);
});

test("a torn last line (does not parse) is moved to quarantine and its item redone", async (t) => {
  const dir = tempDir(t);
  const out = join(dir, "out");
  assert.equal((await cli(["run", "--personas", "4", "--out", out], { env: ENV })).code, 0);
  const path = join(out, "interactions", SEGMENT);
  const text = readFileSync(path, "utf8");
  const cut = text.slice(0, text.length - 40); // a write cut by a crash
  writeFileSync(path, cut);
  const again = await cli(["run", "--personas", "4", "--out", out], { env: ENV });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /produced 1 \(\+11 from before\)/);
  assert.equal(readFileSync(path, "utf8"), text, "the redone record is byte-identical");
  const quarantine = readFileSync(join(out, "interactions", "quarantine.jsonl"), "utf8");
  assert.match(quarantine, /torn/);
});

test("finding 3: a planned record that fails the schema is quarantined with its reason and redone", async (t) => {
  const dir = tempDir(t);
  const out = join(dir, "out");
  assert.equal((await cli(["run", "--personas", "4", "--out", out], { env: ENV })).code, 0);
  const lines = storeLines(out);
  const good = lines[5] as string;
  const bad = JSON.parse(good) as Record<string, unknown>;
  bad.messages = "not a list";
  lines[5] = JSON.stringify(bad);
  writeFileSync(join(out, "interactions", SEGMENT), lines.join("\n"));

  const again = await cli(["run", "--personas", "4", "--out", out], { env: ENV });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /produced 1 \(\+11 from before\)/);
  assert.equal(await exportCount(out, join(dir, "export")), 12);
  const stored = storeLines(out).filter(Boolean);
  assert.equal(stored.length, 12);
  assert.ok(stored.includes(good), "the redone record is the original one, byte for byte");
  const quarantined = readFileSync(join(out, "interactions", "quarantine.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { reason: string; record: string; file: string; line: number });
  assert.equal(quarantined.length, 1);
  assert.match(quarantined[0]?.reason ?? "", /messages/);
  assert.equal(quarantined[0]?.record, lines[5]);
});

test("a corrupt line in the middle is an error naming file:line and `personasynth repair`; repair quarantines it", async (t) => {
  const dir = tempDir(t);
  const out = join(dir, "out");
  assert.equal((await cli(["run", "--personas", "4", "--out", out], { env: ENV })).code, 0);
  const lines = storeLines(out);
  lines[2] = `${(lines[2] as string).slice(0, 50)}`;
  writeFileSync(join(out, "interactions", SEGMENT), lines.join("\n"));

  for (const args of [
    ["run", "--personas", "4", "--out", out],
    ["export", "--store", join(out, "interactions"), "--out", join(dir, "x")],
  ]) {
    const refused = await cli(args, { env: ENV });
    assert.notEqual(refused.code, 0, `${args[0]} must not drop the line silently`);
    assert.match(refused.stderr, new RegExp(`${SEGMENT}:3`));
    assert.match(refused.stderr, /personasynth repair/);
  }

  const repair = await cli(["repair", "--out", out], { env: ENV });
  assert.equal(repair.code, 0, repair.stderr);
  assert.match(repair.stdout, /1 line/);
  assert.ok(existsSync(join(out, "interactions", "quarantine.jsonl")));
  const again = await cli(["run", "--personas", "4", "--out", out], { env: ENV });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /produced 1 \(\+11 from before\)/);
  assert.equal(await exportCount(out, join(dir, "export")), 12);
  assert.deepEqual(
    readdirSync(join(out, "interactions")).filter((f) => f.endsWith(".tmp")),
    [],
    "no temporary file left",
  );
});
