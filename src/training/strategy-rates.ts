import type { NoisyVersion } from "./noisy.js";

/**
 * One noise decision on a user text whose layer was chosen: the strategies applied and the layer's
 * strategies that could not apply. Skipped texts (layer chosen, nothing applied) are decisions too.
 */
export interface NoiseDecision {
  layer: string;
  applied: readonly string[];
  skipped: readonly string[];
}

/** A strategy's figures: applied, not applicable, and its rate among the texts it could apply to. */
export interface StrategyRate {
  applied: number;
  not_applicable: number;
  /** applied / (texts whose layer was chosen − not applicable): comparable with its `probability`. */
  rate: number;
}

/** Per layer: the texts it was chosen for, and each strategy's figures. */
export type StrategyRates = Record<string, { chosen: number; strategies: Record<string, StrategyRate> }>;

/**
 * The noise decisions of a stored record's noisy versions (`layer` when applied, `chosen_layer` when
 * skipped). Records without either (skipped before a layer was chosen, older records) are none.
 */
export function noiseDecisionsOf(versions: ReadonlyArray<Record<string, unknown>>): NoiseDecision[] {
  const out: NoiseDecision[] = [];
  for (const v of versions) {
    const layer = v.noise_type === "skipped" ? v.chosen_layer : (v.layer ?? v.noise_type);
    if (typeof layer !== "string") continue;
    out.push({ layer, applied: strings(v.applied_strategies), skipped: strings(v.skipped_strategies) });
  }
  return out;
}

/** Decisions from exported noisy versions only (skipped texts are not exported: rates among noised ones). */
export function decisionsOfNoisyVersions(versions: readonly NoisyVersion[]): NoiseDecision[] {
  return noiseDecisionsOf(versions as ReadonlyArray<Record<string, unknown>>);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === "string") : [];
}

/** Counts decisions and gives each strategy's rate given applicability, per layer. */
export class StrategyRateCounter {
  private readonly layers = new Map<
    string,
    { chosen: number; applied: Map<string, number>; skipped: Map<string, number> }
  >();

  add(decision: NoiseDecision): void {
    let layer = this.layers.get(decision.layer);
    if (layer === undefined) {
      layer = { chosen: 0, applied: new Map(), skipped: new Map() };
      this.layers.set(decision.layer, layer);
    }
    layer.chosen++;
    for (const name of new Set(decision.applied)) layer.applied.set(name, (layer.applied.get(name) ?? 0) + 1);
    for (const name of new Set(decision.skipped)) layer.skipped.set(name, (layer.skipped.get(name) ?? 0) + 1);
  }

  result(): StrategyRates {
    const out: StrategyRates = {};
    for (const [name, layer] of [...this.layers].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const strategies: Record<string, StrategyRate> = {};
      const names = [...new Set([...layer.applied.keys(), ...layer.skipped.keys()])].sort();
      for (const s of names) {
        const applied = layer.applied.get(s) ?? 0;
        const notApplicable = layer.skipped.get(s) ?? 0;
        const applicable = layer.chosen - notApplicable;
        strategies[s] = {
          applied,
          not_applicable: notApplicable,
          rate: applicable <= 0 ? 0 : Math.round((applied / applicable) * 10_000) / 10_000,
        };
      }
      out[name] = { chosen: layer.chosen, strategies };
    }
    return out;
  }
}
