import type { Rng } from "../rng/random.js";
import { assignValues } from "./assign-values.js";
import { enforceBounds } from "./constraints.js";
import { ABSENT } from "./dimension-index.js";
import type { SamplerContext, SamplingStrategy, Streams } from "./strategy.js";

/** A candidate under construction: value codes, which dimensions it has, which may not be dropped. */
export interface Draft {
  codes: Int32Array;
  present: Uint8Array;
  locked: Uint8Array;
}

/**
 * The random strategy's draw: each dimension kept with the availability rate (required and `fixed`
 * ones always), counts forced into bounds, then values (drawn as {@link fillValues}) except where
 * `fixed` gives one. Undefined when the bank's rules leave no persona with the fixed values.
 */
export function drawRandom(
  ctx: SamplerContext,
  streams: Streams,
  fixed: ReadonlyMap<number, number> = new Map(),
): Draft | undefined {
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
  return fillValues(ctx, codes, present, streams("values"), locked) ? { codes, present, locked } : undefined;
}

/**
 * Makes `codes` follow `present`: absent dimensions are cleared, present ones without a value get
 * one. Without bank rules the value is uniform (the original tool's draw); with rules it is drawn by
 * the rules' weights among the values compatible with the rest of the persona (see assignValues),
 * and as a last resort an unlocked dimension is dropped. False when no persona fits.
 */
export function fillValues(
  ctx: SamplerContext,
  codes: Int32Array,
  present: Uint8Array,
  rng: Rng,
  locked: Uint8Array = ctx.required,
): boolean {
  if (ctx.compat.hasRules) return assignValues({ compat: ctx.compat, codes, present, rng, locked });
  for (let d = 0; d < codes.length; d++) {
    if (!present[d]) codes[d] = ABSENT;
    else if (codes[d]! < 0) codes[d] = rng.int(ctx.index.values[d]?.length ?? 1);
  }
  return true;
}

/** `random`: every persona is an independent {@link drawRandom}. */
export class RandomStrategy implements SamplingStrategy {
  readonly name: string = "random";
  constructor(private readonly ctx: SamplerContext) {}

  propose(_slot: number, streams: Streams): Int32Array | undefined {
    return drawRandom(this.ctx, streams)?.codes;
  }

  accept(_codes: Int32Array): void {}

  observeStored(_codes: Int32Array): void {}
}
