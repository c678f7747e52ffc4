// Issue 12, finding 1: a run's identity covers everything that shapes its data. Each change below,
// made between two runs on one --out, must generate new items (never report them "already done"), and
// every sample and the statistics must say which configuration (generation) made it.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { stringify } from "yaml";
import { cli } from "../helpers/cli.js";
import { ROOT, tempDir } from "../helpers/paths.js";
import { runArgs, startDeterministicFake } from "./harness.js";

const PERSONAS = 3;
const PER_PERSONA = 2;
const ITEMS = PERSONAS * PER_PERSONA;

type Json = Record<string, unknown>;

test("provider, pool weights, noise activation, turn limits and a template's content each make a new generation", async (t) => {
  const server = await startDeterministicFake();
  t.after(() => server.close());
  const dir = tempDir(t, "personasynth-generation-");
  const out = join(dir, "out");
  const template = join(dir, "user.txt");
  writeFileSync(template, readFileSync(join(ROOT, "data", "prompts", "user_feedback.txt"), "utf8"));
  const fake = { type: "openai-compatible", base_url: `${server.url}/v1`, api_key: "sk-test-0000000000" };
  const base: Json = {
    providers: { fake },
    query_generation: { selection: { queries_per_persona: PER_PERSONA } },
    interaction_generation: { min_turns: 2, max_turns: 3, user_model: { system_prompt_template: template } },
    distractor: { activation_probability: 0.25 },
    experiment: { seed: 11 },
  };
  const online = (config: Json): Json => ({
    ...config,
    api: { provider: "fake", model: "fake-a" },
    interaction_generation: {
      ...(config.interaction_generation as Json),
      assistant_model: {
        model_pool: [
          { provider: "fake", model: "fake-a", weight: 0.5 },
          { provider: "fake", model: "fake-b", weight: 0.5 },
        ],
      },
    },
  });
  const withPool = (config: Json, weights: [number, number]): Json => {
    const ig = config.interaction_generation as Json;
    const pool = (ig.assistant_model as { model_pool: Json[] }).model_pool;
    return {
      ...config,
      interaction_generation: {
        ...ig,
        assistant_model: { model_pool: pool.map((entry, i) => ({ ...entry, weight: weights[i] })) },
      },
    };
  };
  const steps: Array<{ change: string; config: Json; edit?: () => void }> = [
    { change: "first run (offline)", config: base },
    { change: "provider offline → fake", config: online(base) },
    { change: "model pool weights 0.5/0.5 → 0.8/0.2", config: withPool(online(base), [0.8, 0.2]) },
    {
      change: "noise activation 0.25 → 1.0",
      config: { ...withPool(online(base), [0.8, 0.2]), distractor: { activation_probability: 1 } },
    },
    {
      change: "turn limits 2–3 → 3–4",
      config: {
        ...withPool(online(base), [0.8, 0.2]),
        distractor: { activation_probability: 1 },
        interaction_generation: {
          ...(withPool(online(base), [0.8, 0.2]).interaction_generation as Json),
          min_turns: 3,
          max_turns: 4,
        },
      },
    },
  ];
  const last = steps.at(-1) as { config: Json };
  steps.push({
    change: "the user simulator template's content (same path)",
    config: last.config,
    edit: () =>
      writeFileSync(template, `${readFileSync(template, "utf8")}\nWrite like you type on a phone.\n`),
  });

  const generations: string[] = [];
  for (const [n, step] of steps.entries()) {
    step.edit?.();
    const config = join(dir, "config.yaml");
    writeFileSync(config, stringify(step.config));
    const before = server.requests.length;
    const run = await cli(runArgs(config, String(PERSONAS), out), {
      env: {},
    });
    assert.equal(run.code, 0, `${step.change}: ${run.stderr}`);
    const samples = exportedAll(out);
    assert.equal(samples.length, ITEMS * (n + 1), `${step.change}: new items were generated, none reused`);
    if (n > 0) assert.ok(server.requests.length > before, `${step.change}: the new items were called for`);

    // Every sample carries its generation; the newest is this run's, and it is new.
    const byGeneration = new Map<string, number>();
    for (const sample of samples) {
      const generation = (sample.metadata as Json | undefined)?.generation;
      assert.match(String(generation), /^gen_[0-9a-f]{12}$/, `${step.change}: metadata.generation`);
      byGeneration.set(String(generation), (byGeneration.get(String(generation)) ?? 0) + 1);
    }
    const current = /generation (gen_[0-9a-f]{12})/.exec(run.stdout)?.[1];
    assert.ok(current, `${step.change}: the summary names the generation:\n${run.stdout}`);
    assert.ok(!generations.includes(current), `${step.change}: ${current} was already used`);
    generations.push(current);
    assert.deepEqual([...byGeneration.keys()].sort(), [...generations].sort());
    for (const count of byGeneration.values()) assert.equal(count, ITEMS);

    // The statistics break the counts down the same way.
    const stats = await cli(["stats", "--store", join(out, "interactions"), "--json"], { env: {} });
    assert.equal(stats.code, 0, stats.stderr);
    assert.deepEqual(
      (JSON.parse(stats.stdout) as { generations: Record<string, number> }).generations,
      Object.fromEntries(byGeneration),
    );
    if (n > 0) assert.match(run.stdout, /other generation|--generation current/);
  }

  // The same config again resumes: nothing new.
  const again = await cli(runArgs(join(dir, "config.yaml"), String(PERSONAS), out), { env: {} });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(exportedAll(out).length, ITEMS * steps.length);
  assert.match(again.stdout, /\(resumed\)/);

  // export --generation current | <id> | all
  const pick = async (generation: string) => {
    const target = join(dir, `export-${generation}`);
    const result = await cli(
      [
        "export",
        "--config",
        join(dir, "config.yaml"),
        "--store",
        join(out, "interactions"),
        "--out",
        target,
        "--no-split",
        "--no-timestamp",
        "--generation",
        generation,
      ],
      { env: {} },
    );
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(readFileSync(join(target, "train_samples.json"), "utf8")) as Json[];
  };
  const current = await pick("current");
  assert.equal(current.length, ITEMS);
  for (const s of current) assert.equal((s.metadata as Json).generation, generations.at(-1));
  const first = await pick(generations[0] as string);
  assert.equal(first.length, ITEMS);
  for (const s of first) assert.equal((s.metadata as Json).generation, generations[0]);
  assert.equal((await pick("all")).length, ITEMS * steps.length);
});

test("settings that do not shape data keep the generation: concurrency, workers, output and cache flags", async (t) => {
  const dir = tempDir(t, "personasynth-generation-");
  const out = join(dir, "out");
  const first = await cli(["run", "--personas", "2", "--out", out], { env: {} });
  assert.equal(first.code, 0, first.stderr);
  const again = await cli(
    ["run", "--personas", "2", "--out", out, "--concurrency", "3", "--workers", "0", "--no-cache"],
    { env: {} },
  );
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /\(resumed\)/);
  assert.match(again.stdout, /produced 0 \(\+6 from before\)/);
});

/** The stored interactions (their metadata), every segment in order. */
function exportedAll(out: string): Json[] {
  const store = join(out, "interactions");
  const records: Json[] = [];
  for (const file of readdirSync(store)
    .filter((f) => /^interactions-\d{6}\.jsonl$/.test(f))
    .sort()) {
    for (const line of readFileSync(join(store, file), "utf8").split("\n")) {
      if (line.trim() !== "") records.push({ metadata: (JSON.parse(line) as Json).metadata });
    }
  }
  return records;
}
