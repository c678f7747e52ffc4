import { countLocked, enforceBounds, isFeasible } from "./constraints.js";
import type { DimensionIndex } from "./dimension-index.js";
import type { SamplingConfig } from "./sampling-config.js";
import type { SamplerContext, SamplingStrategy, Streams } from "./strategy.js";
import { drawRandom, fillValues } from "./strategy-random.js";

/** A custom rule with dimensions and values resolved to indices. */
export interface CompiledRule {
  conditionDimension: number;
  conditionValues: ReadonlySet<number>;
  actionDimension: number;
  preferredValues: readonly number[];
  boostProbability: number;
}

/** Resolves `custom_rules` against the bank (names were validated beforehand). */
export function compileRules(index: DimensionIndex, rules: SamplingConfig["custom_rules"]): CompiledRule[] {
  return rules.map((rule) => {
    const cd = index.byName.get(rule.condition.dimension) ?? -1;
    const ad = index.byName.get(rule.action.dimension) ?? -1;
    const values = (d: number, list: readonly string[]) =>
      list.map((v) => index.valueIndex[d]?.get(v)).filter((v): v is number => v !== undefined);
    return {
      conditionDimension: cd,
      conditionValues: new Set(values(cd, rule.condition.values)),
      actionDimension: ad,
      preferredValues: values(ad, rule.action.preferred_values),
      boostProbability: rule.action.boost_probability,
    };
  });
}

/**
 * `custom`: a random draw, then each rule in order: when the condition dimension holds one of the
 * condition values, with `boost_probability` the action dimension gets one of the preferred values
 * (added if absent). A rule that fires locks both dimensions so the count bounds, re-applied
 * afterwards, cannot undo it; a rule whose locks would make the bounds unsatisfiable is skipped.
 */
export class CustomStrategy implements SamplingStrategy {
  readonly name: string = "custom";
  constructor(
    private readonly ctx: SamplerContext,
    private readonly rules: readonly CompiledRule[],
  ) {}

  propose(_slot: number, streams: Streams): Int32Array {
    const { codes, locked } = drawRandom(this.ctx, streams);
    this.rules.forEach((rule, r) => {
      const condition = codes[rule.conditionDimension] ?? -1;
      if (condition < 0 || !rule.conditionValues.has(condition)) return;
      const rng = streams(`rule:${r}`);
      if (!rng.chance(rule.boostProbability) || rule.preferredValues.length === 0) return;
      const nextLocked = Uint8Array.from(locked);
      nextLocked[rule.conditionDimension] = 1;
      nextLocked[rule.actionDimension] = 1;
      const locks = countLocked(this.ctx.index, nextLocked);
      if (!isFeasible(this.ctx.index, this.ctx.bounds, locks.constraints, locks.others)) return;
      locked.set(nextLocked);
      const wasPresent = codes[rule.actionDimension]! >= 0;
      codes[rule.actionDimension] = rng.pick(rule.preferredValues);
      if (wasPresent) return;
      const present = Uint8Array.from(codes, (v) => (v >= 0 ? 1 : 0));
      enforceBounds(this.ctx.index, this.ctx.bounds, present, locked, rng);
      fillValues(this.ctx, codes, present, rng);
    });
    return codes;
  }

  accept(_codes: Int32Array): void {}

  observeStored(_codes: Int32Array): void {}
}
