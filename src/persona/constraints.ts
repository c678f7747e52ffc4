import type { Rng } from "../rng/random.js";
import type { DimensionIndex } from "./dimension-index.js";
import type { SamplingConfig } from "./sampling-config.js";

/** The count bounds every persona must meet: features, and constraint dimensions among them. */
export interface CountBounds {
  minFeatures: number;
  maxFeatures: number;
  /** `min_constraints`, raised to 1 when `require_constraint` is set. */
  minConstraints: number;
  maxConstraints: number;
}

/** Reads the count bounds from a sampling config. */
export function resolveBounds(sampling: SamplingConfig): CountBounds {
  const c = sampling.constraints;
  return {
    minFeatures: sampling.random_sampling.min_features,
    maxFeatures: sampling.random_sampling.max_features,
    minConstraints: Math.max(c.min_constraints, c.require_constraint ? 1 : 0),
    maxConstraints: c.max_constraints,
  };
}

/**
 * The constraint counts a persona may have, given how many constraint and other dimensions are locked
 * in (required, stratified, covered, set by a rule). Also accounts for the feature bounds: too few
 * non-constraint dimensions force more constraints, locked non-constraints leave less room for them.
 */
export function constraintRange(
  index: DimensionIndex,
  bounds: CountBounds,
  lockedConstraints: number,
  lockedOthers: number,
): { lo: number; hi: number } {
  const others = index.names.length - index.constraintCount;
  return {
    lo: Math.max(bounds.minConstraints, lockedConstraints, bounds.minFeatures - others),
    hi: Math.min(bounds.maxConstraints, index.constraintCount, bounds.maxFeatures - lockedOthers),
  };
}

/** True when a persona with these locked dimensions can meet every bound. */
export function isFeasible(
  index: DimensionIndex,
  bounds: CountBounds,
  lockedConstraints: number,
  lockedOthers: number,
): boolean {
  if (bounds.minFeatures > bounds.maxFeatures) return false;
  const { lo, hi } = constraintRange(index, bounds, lockedConstraints, lockedOthers);
  return lo <= hi;
}

/** Counts locked dimensions by kind. */
export function countLocked(
  index: DimensionIndex,
  locked: Uint8Array,
): { constraints: number; others: number } {
  let constraints = 0;
  let others = 0;
  for (let d = 0; d < locked.length; d++) {
    if (!locked[d]) continue;
    if (index.isConstraint[d]) constraints++;
    else others++;
  }
  return { constraints, others };
}

/**
 * Forces a presence mask into the bounds, in place: first the feature count (adding random absent
 * dimensions or dropping random unlocked ones), then the constraint count by swaps that keep the
 * feature count in bounds. Locked dimensions are present and never dropped. The caller guarantees
 * feasibility ({@link isFeasible}); the loops then always find a dimension to move.
 */
export function enforceBounds(
  index: DimensionIndex,
  bounds: CountBounds,
  present: Uint8Array,
  locked: Uint8Array,
  rng: Rng,
): void {
  const D = index.names.length;
  for (let d = 0; d < D; d++) if (locked[d]) present[d] = 1;
  const pickWhere = (test: (d: number) => boolean): number | undefined => {
    const pool: number[] = [];
    for (let d = 0; d < D; d++) if (test(d)) pool.push(d);
    return pool.length === 0 ? undefined : rng.pick(pool);
  };
  const isC = (d: number) => index.isConstraint[d] === true;
  let features = 0;
  let constraints = 0;
  for (let d = 0; d < D; d++) {
    if (!present[d]) continue;
    features++;
    if (isC(d)) constraints++;
  }
  const add = (d: number | undefined): boolean => {
    if (d === undefined) return false;
    present[d] = 1;
    features++;
    if (isC(d)) constraints++;
    return true;
  };
  const drop = (d: number | undefined): boolean => {
    if (d === undefined) return false;
    present[d] = 0;
    features--;
    if (isC(d)) constraints--;
    return true;
  };

  while (features < bounds.minFeatures && add(pickWhere((d) => !present[d]))) {}
  while (features > bounds.maxFeatures && drop(pickWhere((d) => !!present[d] && !locked[d]))) {}

  const locks = countLocked(index, locked);
  const { lo, hi } = constraintRange(index, bounds, locks.constraints, locks.others);
  while (constraints < lo) {
    if (!add(pickWhere((d) => !present[d] && isC(d)))) break;
    if (features > bounds.maxFeatures) drop(pickWhere((d) => !!present[d] && !locked[d] && !isC(d)));
  }
  while (constraints > hi) {
    if (!drop(pickWhere((d) => !!present[d] && !locked[d] && isC(d)))) break;
    if (features < bounds.minFeatures) add(pickWhere((d) => !present[d] && !isC(d)));
  }
}
