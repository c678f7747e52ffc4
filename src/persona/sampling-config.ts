import { z } from "zod";
import { issueAt, loadYamlFile, type SemanticCheck } from "../config/yaml-file.js";
import type { ConfigIssue } from "../errors.js";

/** The sampler's own file, in the original tool's `sampling_config.yaml` format, plus `coverage`. */

const rate = z.number().min(0).max(1);
const count = z.number().int().min(0);
const dimensionList = z.array(z.string().min(1));

export const SamplingConfigSchema = z
  .strictObject({
    strategy: z.enum(["random", "stratified", "custom", "coverage"]).default("random"),
    random_sampling: z
      .strictObject({
        feature_availability_rate: rate.default(0.7),
        /** The original tool's own seed; this tool derives every seed from `experiment.seed`. */
        seed: z.union([z.number().int(), z.string()]).nullable().optional(),
        min_features: count.default(5),
        max_features: count.default(15),
      })
      .prefault({}),
    stratified_sampling: z.strictObject({ stratify_by: dimensionList.default([]) }).prefault({}),
    custom_rules: z
      .array(
        z.strictObject({
          condition: z.strictObject({
            dimension: z.string().min(1),
            values: z.array(z.union([z.string(), z.number()]).transform(String)).min(1),
          }),
          action: z.strictObject({
            dimension: z.string().min(1),
            preferred_values: z.array(z.union([z.string(), z.number()]).transform(String)).min(1),
            boost_probability: rate.default(0.8),
          }),
        }),
      )
      .default([]),
    coverage: z
      .strictObject({
        dimensions: dimensionList.default([]),
        strength: z.literal(2).default(2),
      })
      .prefault({}),
    diversity: z
      .strictObject({
        enabled: z.boolean().default(true),
        min_hamming_distance: count.default(3),
        max_attempts: z.number().int().positive().default(50),
        priority_dimensions: dimensionList.default([]),
        priority_weight: z.number().positive().default(2),
      })
      .prefault({}),
    constraints: z
      .strictObject({
        require_constraint: z.boolean().default(true),
        min_constraints: count.default(1),
        max_constraints: count.default(20),
      })
      .prefault({}),
    required_dimensions: dimensionList.default([]),
  })
  .prefault({});

export type SamplingConfig = z.output<typeof SamplingConfigSchema>;

const checkSampling: SemanticCheck<SamplingConfig> = (config, source) => {
  const issues: ConfigIssue[] = [];
  const r = config.random_sampling;
  if (r.min_features > r.max_features) {
    issues.push(
      issueAt(
        source,
        ["random_sampling", "min_features"],
        `min_features (${r.min_features}) exceeds max_features (${r.max_features})`,
      ),
    );
  }
  const c = config.constraints;
  if (c.min_constraints > c.max_constraints) {
    issues.push(
      issueAt(
        source,
        ["constraints", "min_constraints"],
        `min_constraints (${c.min_constraints}) exceeds max_constraints (${c.max_constraints})`,
      ),
    );
  }
  if (config.strategy === "coverage" && config.coverage.dimensions.length < 2) {
    issues.push(
      issueAt(source, ["coverage", "dimensions"], "the coverage strategy needs at least 2 dimensions"),
    );
  }
  if (config.strategy === "stratified" && config.stratified_sampling.stratify_by.length === 0) {
    issues.push(
      issueAt(
        source,
        ["stratified_sampling", "stratify_by"],
        "the stratified strategy needs at least 1 dimension",
      ),
    );
  }
  return issues;
};

/** Loads and validates a sampling config file. */
export function loadSamplingConfig(path: string): SamplingConfig {
  return loadYamlFile(path, SamplingConfigSchema, "sampling config", checkSampling);
}
