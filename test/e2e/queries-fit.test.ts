// Issue 12, finding 9: a plan the seed queries cannot fill is an error with the numbers and the fix
// before any call (or, when asked, a smaller plan or reused queries, announced up front), and the
// persona↔domain match rate stays flat over the run instead of decaying as the pool empties.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { stringify } from "yaml";
import { cli } from "../helpers/cli.js";
import { tempDir } from "../helpers/paths.js";
import { errorLines } from "./harness.js";

/** 548 bundled seed queries, 3 per persona: 182 personas fit, 300 do not. */
const BUNDLED = 548;

function configFile(dir: string, queryGeneration: Record<string, unknown>, planOnly = false): string {
  const path = join(dir, "config.yaml");
  const stages = planOnly
    ? { query_generation: false, interaction_generation: false, training_data_export: false }
    : {};
  writeFileSync(
    path,
    stringify({ query_generation: queryGeneration, experiment: { seed: 7, stages } }),
    "utf8",
  );
  return path;
}

test("finding 9: 300 personas × 3 queries from 548 is an error with the numbers and the fixes; nothing written", async (t) => {
  const out = join(tempDir(t), "out");
  const run = await cli(["run", "--personas", "300", "--out", out], { env: {} });
  assert.equal(run.code, 2, run.stderr);
  assert.equal(errorLines(run.stderr).length, 1, run.stderr);
  assert.match(run.stderr, /needs 900 seed queries \(300 personas × 3\)/);
  assert.match(run.stderr, new RegExp(`only ${BUNDLED} unused seed queries`));
  assert.match(run.stderr, /182 personas fit/);
  assert.match(run.stderr, /allow_reuse/);
  assert.match(run.stderr, /shrink_to_fit/);
  for (const store of ["interactions", "personas", "queries"])
    assert.ok(!existsSync(join(out, store)) || readdirSync(join(out, store)).length === 0, store);
  const runs = existsSync(join(out, "runs")) ? readdirSync(join(out, "runs")) : [];
  assert.ok(
    runs.every((id) => !existsSync(join(out, "runs", id, "plan.json"))),
    "no plan saved",
  );
});

test("shrink_to_fit plans the personas that fit, announced before anything runs", async (t) => {
  const dir = tempDir(t);
  const config = configFile(dir, { shrink_to_fit: true });
  const run = await cli(["run", "-c", config, "--personas", "300", "--dry-run"], { env: {} });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /planning 182 personas instead of 300/);
  assert.match(run.stdout + run.stderr, /546 items|items\D+546/);
});

test("allow_reuse fills the plan: every persona gets its queries", async (t) => {
  const dir = tempDir(t);
  const config = configFile(dir, { allow_reuse: true });
  const run = await cli(["run", "-c", config, "--personas", "300", "--dry-run"], { env: {} });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout + run.stderr, /900 items|items\D+900/);
});

test("finding 9: the persona↔domain match rate is flat from the first to the last quarter of a run", async (t) => {
  const dir = tempDir(t);
  const out = join(dir, "out");
  // 180 personas × 3 = 540 of the 548 queries: the pool nearly empties, as in the finding.
  const config = configFile(dir, {}, true);
  const run = await cli(["run", "-c", config, "--personas", "180", "--out", out], { env: {} });
  assert.equal(run.code, 0, run.stderr);
  const [id] = readdirSync(join(out, "runs"));
  const plan = JSON.parse(readFileSync(join(out, "runs", id as string, "plan.json"), "utf8")) as {
    personas: Array<{ persona_id: string; features: Record<string, string> }>;
    items: Array<{ persona_id: string; query_domain?: string }>;
  };
  const domainOf = new Map(plan.personas.map((p) => [p.persona_id, p.features.domain]));
  const quarter = Math.ceil(plan.personas.length / 4);
  const order = new Map(plan.personas.map((p, i) => [p.persona_id, Math.floor(i / quarter)]));
  const rates = [0, 1, 2, 3].map((q) => {
    const items = plan.items.filter((i) => order.get(i.persona_id) === q && domainOf.get(i.persona_id));
    return items.filter((i) => i.query_domain === domainOf.get(i.persona_id)).length / items.length;
  });
  t.diagnostic(`match rate by quarter: ${rates.map((r) => r.toFixed(3)).join(" / ")}`);
  assert.equal(plan.items.length, 540);
  assert.ok(Math.max(...rates) - Math.min(...rates) <= 0.1, `flat: ${rates}`);
  assert.ok(Math.min(...rates) >= 0.5, `and high: ${rates}`);
});

test("one persona that fits is said in the singular: the error and the shrink_to_fit warning", async (t) => {
  const dir = tempDir(t);
  // 300 queries per persona from 548: one persona fits.
  const tight = configFile(dir, { selection: { queries_per_persona: 300 } });
  const refused = await cli(["run", "-c", tight, "--personas", "5", "--dry-run"], { env: {} });
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /\(1 persona fit\)/);
  assert.match(refused.stderr, /plan the 1 persona that fit/);
  const shrunk = configFile(dir, { selection: { queries_per_persona: 300 }, shrink_to_fit: true });
  const run = await cli(["run", "-c", shrunk, "--personas", "5", "--dry-run"], { env: {} });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /planning 1 persona instead of 5/);
});
