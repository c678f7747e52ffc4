import { unitInterval } from "../util/hash.js";

/** The three splits, in file order. */
export const SPLIT_NAMES = ["train", "validation", "test"] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];

export interface SplitRatios {
  train: number;
  validation: number;
  test: number;
}

/**
 * Which split a persona's samples go to. Decided by a hash of the persona id alone, so that
 * (1) all samples of one persona land in the same split, (2) the answer never depends on order or
 * on which other samples exist: adding samples later moves nobody.
 */
export function splitForPersona(personaId: string, ratios: SplitRatios): SplitName {
  const u = unitInterval(`split\u0000${personaId}`);
  if (u < ratios.train) return "train";
  if (u < ratios.train + ratios.validation) return "validation";
  return ratios.test > 0 ? "test" : ratios.validation > 0 ? "validation" : "train";
}
