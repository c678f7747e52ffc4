import { createHash } from "node:crypto";

/** The run seed as configured: a number or a string; both are hashed the same way. */
export type RunSeed = number | string;

/**
 * Derives the 128-bit state of one random stream from `(run seed, id, purpose)`.
 * Every random decision in the library uses its own stream, so adding a decision elsewhere, or
 * running items in another order, never shifts the values another decision sees.
 */
export function deriveSeed(runSeed: RunSeed, id: string, purpose: string): Uint32Array {
  const digest = createHash("sha256")
    .update(`${String(runSeed)}\u0000${id}\u0000${purpose}`)
    .digest();
  const state = new Uint32Array(4);
  for (let i = 0; i < 4; i++) state[i] = digest.readUInt32LE(i * 4);
  // sfc32 must not start from the all-zero state.
  if (state.every((x) => x === 0)) state[0] = 1;
  return state;
}
