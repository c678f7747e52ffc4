// Issue 12, finding 4: the plan is durable before any call, and a store whose items reference a plan
// that is missing or changed is a clear error naming the fix — never a second plan under the same id.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { cli } from "../helpers/cli.js";
import { tempDir } from "../helpers/paths.js";
import { errorLines, readStoreLines } from "./harness.js";

function snapshot(out: string): string {
  return JSON.stringify([
    readStoreLines(join(out, "interactions")),
    readStoreLines(join(out, "personas"), "personas"),
    readStoreLines(join(out, "queries"), "assignments"),
  ]);
}

function planPath(out: string): string {
  const [id] = readdirSync(join(out, "runs"));
  return join(out, "runs", id as string, "plan.json");
}

test("finding 4: a deleted plan.json is an error naming the plan and the fix; nothing is planned again", async (t) => {
  const out = join(tempDir(t), "out");
  assert.equal((await cli(["run", "--personas", "4", "--out", out], { env: {} })).code, 0);
  const before = snapshot(out);
  const path = planPath(out);
  rmSync(path);
  const again = await cli(["run", "--personas", "4", "--out", out], { env: {} });
  assert.equal(again.code, 1, again.stderr);
  assert.match(again.stderr, /plan\.json/);
  assert.match(again.stderr, /missing/);
  assert.match(again.stderr, /restore|--out/);
  assert.equal(errorLines(again.stderr).length, 1, "one error line");
  assert.equal(snapshot(out), before, "nothing was planned, recorded or generated");
});

test("a changed plan.json is an error too", async (t) => {
  const out = join(tempDir(t), "out");
  assert.equal((await cli(["run", "--personas", "4", "--out", out], { env: {} })).code, 0);
  const path = planPath(out);
  const plan = JSON.parse(readFileSync(path, "utf8")) as { items: Array<{ target_turns: number }> };
  (plan.items[0] as { target_turns: number }).target_turns += 1;
  writeFileSync(path, JSON.stringify(plan));
  const before = snapshot(out);
  const again = await cli(["run", "--personas", "4", "--out", out], { env: {} });
  assert.equal(again.code, 1, again.stderr);
  assert.match(again.stderr, /plan\.json/);
  assert.match(again.stderr, /changed/);
  assert.equal(snapshot(out), before);
});
