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
 * The strategies drawn in one layer, in the layer's order: every mandatory one, and each other one
 * independently with its probability: exactly the configured rates, nothing added when none was
 * drawn (then the layer leaves the text as it is, and the record says so).
 */
export function chooseStrategies(
  layerStrategies: Readonly<Record<string, StrategyChance>>,
  rng: Rng,
): string[] {
  const chosen: string[] = [];
  for (const name of Object.keys(layerStrategies)) {
    const strategy = layerStrategies[name] as StrategyChance;
    const p = strategy.probability ?? 0;
    checkRate(p, `probability of "${name}"`);
    if (strategy.mandatory === true || rng.chance(p)) chosen.push(name);
  }
  return chosen;
}
