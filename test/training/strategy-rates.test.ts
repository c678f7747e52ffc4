import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { InteractionStorage } from "../../src/interaction/storage.js";
import { EnhancedPersonaGenerationPipeline } from "../../src/pipeline/pipeline.js";
import { fixedClock } from "../../src/util/clock.js";
import { tempDir } from "../helpers/paths.js";

type Version = {
  noise_type: string;
  layer?: string;
  chosen_layer?: string;
  applied_strategies: string[];
  skipped_strategies?: string[];
};

test("statistics: per-strategy rates count the prompts whose layer was chosen, skipped ones included", async (t) => {
  const out = tempDir(t);
  const config = {
    distractor: { activation_probability: 1 },
    training_data: { split_on_export: false },
  };
  const result = await new EnhancedPersonaGenerationPipeline(config, {
    out,
    clock: fixedClock("2026-05-06T07:08:09Z"),
    env: {},
  }).run({ numPersonas: 24 });
  const versions: Version[] = [];
  for (const record of await new InteractionStorage(join(out, "interactions")).loadAll()) {
    const noisy = (record.metadata as { noisy_versions?: Record<string, unknown> }).noisy_versions as {
      initial_query?: { noisy_versions: Version[] };
      followups: Array<{ noisy_versions: Version[] }>;
    };
    versions.push(...(noisy.initial_query?.noisy_versions ?? []));
    for (const f of noisy.followups) versions.push(...f.noisy_versions);
  }
  const skipped = versions.filter((v) => v.noise_type === "skipped" && v.chosen_layer !== undefined);
  assert.ok(skipped.length > 0, "some prompts had a layer chosen and nothing applied");
  for (const v of skipped) assert.equal(v.layer, undefined, "no layer label on a skipped prompt");
  const rates = result.training_data.statistics!.distractor_stats.strategy_rates;
  for (const [layer, figures] of Object.entries(rates)) {
    const chosen = versions.filter((v) => (v.noise_type === "skipped" ? v.chosen_layer : v.layer) === layer);
    assert.equal(figures.chosen, chosen.length, layer);
    for (const [name, s] of Object.entries(figures.strategies)) {
      const notApplicable = chosen.filter((v) => (v.skipped_strategies ?? []).includes(name)).length;
      const applied = chosen.filter((v) => v.applied_strategies.includes(name)).length;
      assert.equal(s.not_applicable, notApplicable, name);
      assert.equal(s.applied, applied, name);
      assert.equal(s.rate, Math.round((applied / (chosen.length - notApplicable)) * 10_000) / 10_000);
    }
  }
  assert.ok(Object.values(rates).some((l) => Object.values(l.strategies).some((s) => s.not_applicable > 0)));
});
