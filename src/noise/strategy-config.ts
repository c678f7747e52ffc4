import { z } from "zod";
import { issueAt, loadYamlFile, type SemanticCheck } from "../config/yaml-file.js";
import type { ConfigIssue } from "../errors.js";

/**
 * The three-layer distractor strategy file, in the original tool's `distractor_strategy.yaml` format:
 * layer weights, and per layer the strategies with `probability` or `mandatory`, plus the
 * description, guidelines, examples and pattern lists that the LLM prompt and the offline engine use.
 */

export const LAYERS = ["surface_noise", "incomplete_info", "semantic_ambiguity"] as const;
export type LayerName = (typeof LAYERS)[number];

const rate = z.number().min(0).max(1);
const textList = z
  .array(z.union([z.string(), z.record(z.string(), z.unknown())]))
  .nullable()
  .optional();

export const StrategySchema = z.strictObject({
  probability: rate.optional(),
  mandatory: z.boolean().default(false),
  description: z.string().optional(),
  guidelines: textList,
  examples: textList,
  attitudes: textList,
  fragments: textList,
  slot_types: textList,
  vague_patterns: textList,
  patterns: textList,
  connectors: textList,
  ambiguous_patterns: textList,
  contradiction_types: textList,
});

const layerStrategies = z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), StrategySchema);

export const StrategyFileSchema = z.strictObject({
  layer_weights: z
    .strictObject({
      surface_noise: rate.default(0.5),
      incomplete_info: rate.default(0.3),
      semantic_ambiguity: rate.default(0.2),
    })
    .prefault({}),
  strategies: z.strictObject({
    surface_noise: layerStrategies.default({}),
    incomplete_info: layerStrategies.default({}),
    semantic_ambiguity: layerStrategies.default({}),
  }),
  /** The original tool's model settings for noise generation; here `distractor.model` in config.yaml wins. */
  llm: z
    .strictObject({
      provider: z.string().optional(),
      model: z.string().optional(),
      temperature: z.number().min(0).max(2).optional(),
      max_tokens: z.number().int().positive().optional(),
    })
    .optional(),
  pipeline: z
    .strictObject({
      extract_semantics: z.boolean().default(true),
      preserve_clean: z.boolean().default(true),
    })
    .prefault({}),
});

export type StrategyFile = z.output<typeof StrategyFileSchema>;
export type Strategy = z.output<typeof StrategySchema>;

const checkStrategies: SemanticCheck<StrategyFile> = (file, source) => {
  const issues: ConfigIssue[] = [];
  const w = file.layer_weights;
  const sum = w.surface_noise + w.incomplete_info + w.semantic_ambiguity;
  if (Math.abs(sum - 1) > 1e-6) {
    issues.push(
      issueAt(
        source,
        ["layer_weights"],
        `layer weights must sum to 1 (they sum to ${Math.round(sum * 1e6) / 1e6})`,
      ),
    );
  }
  for (const layer of LAYERS) {
    const strategies = file.strategies[layer];
    if (w[layer] > 0 && Object.keys(strategies).length === 0) {
      issues.push(
        issueAt(source, ["strategies", layer], `layer "${layer}" has weight ${w[layer]} but no strategies`),
      );
    }
    for (const [name, strategy] of Object.entries(strategies)) {
      if (!strategy.mandatory && strategy.probability === undefined) {
        issues.push(
          issueAt(
            source,
            ["strategies", layer, name],
            `strategy "${name}" needs a probability or mandatory: true`,
          ),
        );
      }
    }
  }
  return issues;
};

/** Loads and validates a distractor strategy file. */
export function loadStrategyFile(path: string): StrategyFile {
  return loadYamlFile(path, StrategyFileSchema, "distractor strategy file", checkStrategies);
}
