import type { Rng } from "../rng/random.js";
import { LAYERS, type LayerName } from "./strategy-config.js";

/** A strategy's selection settings as the strategy file gives them. */
export interface StrategyChance {
  probability?: number | undefined;
  mandatory?: boolean | undefined;
}

function checkRate(value: number, what: string): void {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${what} must be within [0, 1], got ${value}`);
}

/** True with `activationProbability`: whether this text gets noise at all. */
export function shouldActivate(activationProbability: number, rng: Rng): boolean {
  checkRate(activationProbability, "activation probability");
  return rng.chance(activationProbability);
}

/** One layer, drawn with probability proportional to its weight (layers with weight 0 never). */
export function chooseLayer(weights: Readonly<Record<LayerName, number>>, rng: Rng): LayerName {
  return LAYERS[rng.weightedIndex(LAYERS.map((layer) => weights[layer]))] as LayerName;
}

/**
 * The strategies to apply in one layer, in the layer's order: every mandatory one, and each other one
 * independently with its probability. When none was drawn, one is picked with probability
 * proportional to its probability, so a chosen layer always does something (this lifts each
 * strategy's rate by a little: the chance that none is drawn, shared out by weight). A layer whose
 * strategies all have probability 0 gives none.
 */
export function chooseStrategies(
  layerStrategies: Readonly<Record<string, StrategyChance>>,
  rng: Rng,
): string[] {
  const names = Object.keys(layerStrategies);
  const chosen: string[] = [];
  const weights: number[] = [];
  for (const name of names) {
    const strategy = layerStrategies[name] as StrategyChance;
    const p = strategy.probability ?? 0;
    checkRate(p, `probability of "${name}"`);
    weights.push(strategy.mandatory === true ? 0 : p);
    if (strategy.mandatory === true || rng.chance(p)) chosen.push(name);
  }
  if (chosen.length > 0 || !weights.some((w) => w > 0)) return chosen;
  return [names[rng.weightedIndex(weights)] as string];
}
