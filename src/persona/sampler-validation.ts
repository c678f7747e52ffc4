import { ConfigError, type ConfigIssue } from "../errors.js";
import { existsPersona } from "./assign-values.js";
import type { Compatibility } from "./compatibility.js";
import { constraintRange, countLocked, resolveBounds } from "./constraints.js";
import type { DimensionIndex } from "./dimension-index.js";
import type { SamplingConfig } from "./sampling-config.js";

/** Above this many cells, stratifying would need more memory than any run has personas for. */
export const MAX_STRATIFIED_CELLS = 1_000_000;

/** The sampling parameters after overrides. */
export interface EffectiveSettings {
  strategy: SamplingConfig["strategy"];
  featureAvailabilityRate: number;
  minHammingDistance: number;
  maxAttempts: number;
  /** Which of them came from the caller's overrides (issues about those name `overrides.<key>`). */
  overridden: ReadonlySet<string>;
}

/**
 * Checks a sampling config against the bank it will sample, before any persona is drawn: every
 * dimension and rule value it names exists, and the count bounds can be met by some persona. All
 * problems are thrown together as one {@link ConfigError} with their key paths.
 */
export function validateSampling(
  index: DimensionIndex,
  sampling: SamplingConfig,
  settings: EffectiveSettings,
  count: number,
  compat?: Compatibility,
): void {
  const issues: ConfigIssue[] = [];
  const error = (path: string, message: string) => issues.push({ severity: "error", path, message });

  if (!Number.isInteger(count) || count < 0) error("count", `must be a non-negative integer, got ${count}`);
  const at = (key: string, section: string) =>
    settings.overridden.has(key) ? `overrides.${key}` : section ? `${section}.${key}` : key;
  if (!(settings.featureAvailabilityRate >= 0 && settings.featureAvailabilityRate <= 1))
    error(at("feature_availability_rate", "random_sampling"), "must be between 0 and 1");
  if (!(settings.minHammingDistance >= 0))
    error(at("min_hamming_distance", "diversity"), "must be at least 0");
  if (!Number.isInteger(settings.maxAttempts) || settings.maxAttempts < 1)
    error(at("max_attempts", "diversity"), "must be a positive integer");

  const known = (path: string, name: string): number | undefined => {
    const d = index.byName.get(name);
    if (d === undefined) error(path, `unknown dimension "${name}" (not in the persona bank)`);
    return d;
  };
  const list = (path: string, names: readonly string[]): number[] => {
    const seen = new Set<string>();
    const dims: number[] = [];
    names.forEach((name, i) => {
      if (seen.has(name)) error(`${path}[${i}]`, `dimension "${name}" is listed twice`);
      seen.add(name);
      const d = known(`${path}[${i}]`, name);
      if (d !== undefined) dims.push(d);
    });
    return dims;
  };
  const required = list("required_dimensions", sampling.required_dimensions);
  list("diversity.priority_dimensions", sampling.diversity.priority_dimensions);
  const stratifyBy = list("stratified_sampling.stratify_by", sampling.stratified_sampling.stratify_by);
  const coverage = list("coverage.dimensions", sampling.coverage.dimensions);
  sampling.custom_rules.forEach((rule, r) => {
    const path = `custom_rules[${r}]`;
    const checkValues = (d: number | undefined, at: string, values: readonly string[]) => {
      if (d === undefined) return;
      values.forEach((value, j) => {
        if (!index.valueIndex[d]?.has(value))
          error(`${path}.${at}[${j}]`, `"${value}" is not a value of "${index.names[d]}"`);
      });
    };
    checkValues(
      known(`${path}.condition.dimension`, rule.condition.dimension),
      "condition.values",
      rule.condition.values,
    );
    checkValues(
      known(`${path}.action.dimension`, rule.action.dimension),
      "action.preferred_values",
      rule.action.preferred_values,
    );
  });

  if (!["random", "stratified", "custom", "coverage"].includes(settings.strategy))
    error(at("strategy", ""), `unknown strategy "${settings.strategy}"`);
  if (settings.strategy === "coverage" && sampling.coverage.dimensions.length < 2)
    error("coverage.dimensions", "the coverage strategy needs at least 2 dimensions");
  if (settings.strategy === "stratified") {
    if (sampling.stratified_sampling.stratify_by.length === 0)
      error("stratified_sampling.stratify_by", "the stratified strategy needs at least 1 dimension");
    const cells = stratifyBy.reduce((n, d) => n * (index.values[d]?.length ?? 1), 1);
    if (cells > MAX_STRATIFIED_CELLS)
      error(
        "stratified_sampling.stratify_by",
        `the product of these dimensions has ${cells} cells (at most ${MAX_STRATIFIED_CELLS}): stratify by fewer`,
      );
  }

  const boundIssues = checkBounds(index, sampling, [
    ...required,
    ...(settings.strategy === "stratified" ? stratifyBy : []),
    ...(settings.strategy === "coverage" ? coverage : []),
  ]);
  issues.push(...boundIssues);
  if (compat?.hasRules && issues.length === 0) issues.push(...ruleIssues(compat, required));

  if (issues.length > 0) {
    throw new ConfigError(
      `sampling config does not fit the persona bank: ${issues.length} problem${issues.length === 1 ? "" : "s"}`,
      issues,
      { hint: "fix the listed keys of the sampling config (or the persona bank)" },
    );
  }
}

function checkBounds(index: DimensionIndex, sampling: SamplingConfig, lockedDims: number[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const error = (path: string, message: string) => issues.push({ severity: "error", path, message });
  const r = sampling.random_sampling;
  const c = sampling.constraints;
  const dims = index.names.length;
  const constraintDims = index.constraintCount;
  if (r.min_features > r.max_features)
    error(
      "random_sampling.min_features",
      `min_features (${r.min_features}) exceeds max_features (${r.max_features})`,
    );
  if (r.min_features > dims)
    error(
      "random_sampling.min_features",
      `min_features (${r.min_features}) exceeds the ${dims} dimensions of the persona bank`,
    );
  if (c.min_constraints > c.max_constraints)
    error(
      "constraints.min_constraints",
      `min_constraints (${c.min_constraints}) exceeds max_constraints (${c.max_constraints})`,
    );
  if (c.min_constraints > constraintDims)
    error(
      "constraints.min_constraints",
      `min_constraints (${c.min_constraints}) exceeds the ${constraintDims} constraint dimensions of the persona bank`,
    );
  if (c.require_constraint && constraintDims === 0)
    error(
      "constraints.require_constraint",
      "the persona bank has no constraint dimension (is_constraint: true)",
    );
  if (c.require_constraint && c.max_constraints === 0)
    error("constraints.require_constraint", "a constraint is required but max_constraints is 0");
  if (c.min_constraints > r.max_features)
    error(
      "constraints.min_constraints",
      `min_constraints (${c.min_constraints}) exceeds random_sampling.max_features (${r.max_features})`,
    );
  const locked = new Uint8Array(dims);
  for (const d of lockedDims) locked[d] = 1;
  const locks = countLocked(index, locked);
  if (locks.constraints + locks.others > r.max_features)
    error(
      "required_dimensions",
      `${locks.constraints + locks.others} dimensions must be in every persona but max_features is ${r.max_features}`,
    );
  if (locks.constraints > c.max_constraints)
    error(
      "required_dimensions",
      `${locks.constraints} constraint dimensions must be in every persona but max_constraints is ${c.max_constraints}`,
    );
  if (issues.length === 0) {
    const bounds = resolveBounds(sampling);
    const { lo, hi } = constraintRange(index, bounds, locks.constraints, locks.others);
    if (lo > hi)
      error(
        "constraints",
        `no persona can have ${r.min_features}–${r.max_features} features with ${bounds.minConstraints}–${c.max_constraints} ` +
          `constraint dimensions: the bank has ${constraintDims} constraint and ${dims - constraintDims} other dimensions` +
          (locks.constraints + locks.others > 0
            ? `, ${locks.constraints + locks.others} of them in every persona`
            : ""),
      );
  }
  return issues;
}

/**
 * What the bank's rules leave possible under this config: some persona holds every required
 * dimension, and every dimension has at least one value some persona can hold.
 */
function ruleIssues(compat: Compatibility, requiredDims: readonly number[]): ConfigIssue[] {
  const index = compat.index;
  const required = new Uint8Array(index.names.length);
  for (const d of requiredDims) required[d] = 1;
  if (!existsPersona(compat, new Map(), required))
    return [
      {
        severity: "error",
        path: "required_dimensions",
        message: "the persona bank's rules leave no persona that holds every required dimension",
      },
    ];
  const issues: ConfigIssue[] = [];
  index.names.forEach((name, d) => {
    const possible = index.values[d]!.some((_, v) => existsPersona(compat, new Map([[d, v]]), required));
    if (!possible)
      issues.push({
        severity: "error",
        path: "required_dimensions",
        message: `the persona bank's rules leave no value of "${name}" that a persona with the required dimensions can hold`,
      });
  });
  return issues;
}
