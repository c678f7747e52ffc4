import type { Rng } from "../rng/random.js";
import { enforceBounds } from "./constraints.js";
import { ABSENT } from "./dimension-index.js";
import type { SamplerContext, SamplingStrategy, Streams } from "./strategy.js";

/** A candidate under construction: value codes plus the dimensions that may not be dropped. */
export interface Draft {
  codes: Int32Array;
  locked: Uint8Array;
}

/**
 * The random strategy's draw: each dimension kept with the availability rate (required and `fixed`
 * ones always), counts forced into bounds, then uniform values except where `fixed` gives one.
 */
export function drawRandom(
  ctx: SamplerContext,
  streams: Streams,
  fixed: ReadonlyMap<number, number> = new Map(),
): Draft {
  const D = ctx.index.names.length;
  const locked = Uint8Array.from(ctx.required);
  for (const d of fixed.keys()) locked[d] = 1;
  const presence = streams("presence");
  const present = new Uint8Array(D);
  for (let d = 0; d < D; d++) {
    present[d] = locked[d] || presence.chance(ctx.featureAvailabilityRate) ? 1 : 0;
  }
  enforceBounds(ctx.index, ctx.bounds, present, locked, presence);
  const codes = new Int32Array(D).fill(ABSENT);
  for (const [d, v] of fixed) codes[d] = v;
  fillValues(ctx, codes, present, streams("values"));
  return { codes, locked };
}

/**
 * Makes `codes` follow `present`: absent dimensions are cleared, present ones without a value get a
 * uniform one.
 */
export function fillValues(ctx: SamplerContext, codes: Int32Array, present: Uint8Array, rng: Rng): void {
  for (let d = 0; d < codes.length; d++) {
    if (!present[d]) codes[d] = ABSENT;
    else if (codes[d]! < 0) codes[d] = rng.int(ctx.index.values[d]?.length ?? 1);
  }
}

/** `random`: every persona is an independent {@link drawRandom}. */
export class RandomStrategy implements SamplingStrategy {
  readonly name: string = "random";
  constructor(private readonly ctx: SamplerContext) {}

  propose(_slot: number, streams: Streams): Int32Array {
    return drawRandom(this.ctx, streams).codes;
  }

  accept(_codes: Int32Array): void {}

  observeStored(_codes: Int32Array): void {}
}
