import type { Rng } from "../rng/random.js";
import type { Compatibility } from "./compatibility.js";
import type { CountBounds } from "./constraints.js";
import type { DimensionIndex } from "./dimension-index.js";

/** Hands out the random stream for one named decision of the current candidate. */
export type Streams = (purpose: string) => Rng;

/** What every strategy needs: the compiled bank, the bounds and the base sampling parameters. */
export interface SamplerContext {
  index: DimensionIndex;
  bounds: CountBounds;
  /** Probability that a dimension is kept before the count bounds are applied. */
  featureAvailabilityRate: number;
  /** 1 for every dimension that must be in every persona (`required_dimensions`). */
  required: Uint8Array;
  /** The bank's compatibility rules: no candidate breaks them. */
  compat: Compatibility;
}

/**
 * A sampling strategy: proposes candidates (encoded personas) and learns from the accepted ones
 * (usage counts, covered pairs). Instances hold the state of one `samplePersonas` call only.
 */
export interface SamplingStrategy {
  readonly name: string;
  /**
   * A candidate for the persona in `slot` (0-based within this run); draws only from `streams`.
   * Undefined when this attempt found none that keeps the bank's rules (the attempt still counts).
   */
  propose(slot: number, streams: Streams): Int32Array | undefined;
  /** Records a persona accepted in this run. */
  accept(codes: Int32Array): void;
  /** Records a stored persona (from `existing`) before the run starts. */
  observeStored(codes: Int32Array): void;
}
