import { readFileSync } from "node:fs";
import { join } from "node:path";
import { resolveConfig } from "../../src/config/load.js";
import { LlmService } from "../../src/llm/llm-service.js";
import { modelRef } from "../../src/llm/model-ref.js";
import { Distractor, type NoiseVersion } from "../../src/noise/distractor.js";
import { loadStrategyFile, type StrategyFile } from "../../src/noise/strategy-config.js";
import { stylizeQuery } from "../../src/offline/style/stylize.js";
import { loadTemplates } from "../../src/pipeline/inputs.js";
import { createRng } from "../../src/rng/random.js";
import { UsageTracker } from "../../src/scheduler/usage.js";
import { ROOT } from "../helpers/paths.js";

/** The bundled strategy file. */
export const BUNDLED_STRATEGIES = loadStrategyFile(join(ROOT, "data/distractor_strategy.yaml"));

const PERSONAS = [
  { role: "student", formality_level: "very_casual", emoji_use: "frequent" },
  { role: "lawyer", formality_level: "very_formal", emoji_use: "never" },
  { role: "software_engineer", formality_level: "casual", tech_proficiency: "expert" },
];

/** The bundled seed queries as each of three personas would type them (what the pipeline noises). */
export const STYLED_QUERIES = readFileSync(join(ROOT, "data/seed_queries.jsonl"), "utf8")
  .trim()
  .split("\n")
  .flatMap((line, i) =>
    PERSONAS.map((features, k) => ({
      features,
      text: stylizeQuery(
        { query: (JSON.parse(line) as { query: string }).query, features },
        createRng(5, `q${i}`, `style:${k}`),
      ).adapted_query,
    })),
  );

/** A Distractor over the offline engine, for a config dict (defaults for the rest). */
export function offlineDistractor(
  raw: Record<string, unknown>,
  strategyFile = BUNDLED_STRATEGIES,
): Distractor {
  const config = resolveConfig(raw);
  const templates = loadTemplates(config);
  return new Distractor({
    config,
    strategyFile: strategyFile as StrategyFile,
    llm: new LlmService({ config, env: {}, runSeed: 5, usage: new UsageTracker() }),
    model: modelRef(config, config.distractor.model),
    runSeed: 5,
    templates: {
      intentExtraction: templates.intentExtraction,
      noiseGeneration: templates.noiseGeneration,
      paraphrase: templates.paraphrase,
    },
  });
}

/** The records of `count` texts through the distractor (`texts` cycled, each its own item). */
export async function noiseRecords(
  distractor: Distractor,
  count: number,
  texts: ReadonlyArray<{ text: string; features: Record<string, string> }> = STYLED_QUERIES,
): Promise<Array<{ clean: string; v: NoiseVersion }>> {
  const out: Array<{ clean: string; v: NoiseVersion }> = [];
  for (let i = 0; i < count; i++) {
    const { text: clean, features } = texts[i % texts.length]!;
    const outcome = await distractor.apply(clean, features, `item-${i}`, i % 3);
    out.push({ clean, v: outcome.version });
  }
  return out;
}
