import type { Rng } from "../rng/random.js";
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
 * With bank rules, only preferred values compatible with the values earlier rules set are chosen
 * (none: the rule is skipped), and the other values are then redrawn where they clash.
 */
export class CustomStrategy implements SamplingStrategy {
  readonly name: string = "custom";
  constructor(
    private readonly ctx: SamplerContext,
    private readonly rules: readonly CompiledRule[],
  ) {}

  propose(_slot: number, streams: Streams): Int32Array | undefined {
    const draft = drawRandom(this.ctx, streams);
    if (!draft) return undefined;
    const { codes, present, locked } = draft;
    const { compat } = this.ctx;
    /** Values set or relied on by the rules that fired: kept when the rest is redrawn. */
    const pinned = new Map<number, number>();
    const fitsPinned = (d: number, v: number) =>
      [...pinned].every(([p, vp]) => p === d || compat.compatible(d, v, p, vp));
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
      const options = compat.hasRules
        ? rule.preferredValues.filter(
            (v) =>
              fitsPinned(rule.actionDimension, v) &&
              compat.compatible(rule.actionDimension, v, rule.conditionDimension, condition),
          )
        : rule.preferredValues;
      if (options.length === 0 || !fitsPinned(rule.conditionDimension, condition)) return;
      locked.set(nextLocked);
      const wasPresent = codes[rule.actionDimension]! >= 0;
      codes[rule.actionDimension] = rng.pick(options);
      pinned.set(rule.conditionDimension, condition);
      pinned.set(rule.actionDimension, codes[rule.actionDimension]!);
      if (wasPresent) return;
      present[rule.actionDimension] = 1;
      enforceBounds(this.ctx.index, this.ctx.bounds, present, locked, rng);
      if (!compat.hasRules) fillValues(this.ctx, codes, present, rng);
    });
    if (!compat.hasRules || pinned.size === 0) return codes;
    return this.redrawClashes(codes, present, locked, pinned, streams("repair")) ? codes : undefined;
  }

  /**
   * Keeps the pinned values and every other value compatible with them and with the values kept
   * before it (in draw order); the rest, and dimensions added by the rules, are drawn again.
   */
  private redrawClashes(
    codes: Int32Array,
    present: Uint8Array,
    locked: Uint8Array,
    pinned: ReadonlyMap<number, number>,
    rng: Rng,
  ): boolean {
    const { compat } = this.ctx;
    const kept = new Int32Array(codes.length).fill(-1);
    for (const [d, v] of pinned) kept[d] = v;
    for (const d of compat.order) {
      const v = codes[d]!;
      if (pinned.has(d) || !present[d] || v < 0) continue;
      if (compat.linked[d]!.every((e) => kept[e]! < 0 || compat.compatible(d, v, e, kept[e]!))) kept[d] = v;
    }
    codes.set(kept);
    return fillValues(this.ctx, codes, present, rng, locked);
  }

  accept(_codes: Int32Array): void {}

  observeStored(_codes: Int32Array): void {}
}
