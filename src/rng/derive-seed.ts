/** The run seed as configured: a number or a string; both are hashed the same way. */
export type RunSeed = number | string;

/**
 * Derives the 128-bit state of one random stream from `(run seed, id, purpose)`.
 * Every random decision in the library uses its own stream, so adding a decision elsewhere, or
 * running items in another order, never shifts the values another decision sees.
 *
 * The mix is cyrb128 (a non-cryptographic 128-bit string hash) over the UTF-16 code units: stable
 * across platforms and Node versions, six times cheaper than SHA-256 (streams are derived for every
 * decision of every turn), and followed by the generator's own warm-up rounds.
 */
export function deriveSeed(runSeed: RunSeed, id: string, purpose: string): Uint32Array {
  // The hash of `${runSeed}\0${id}\0${purpose}`, read part by part: building that string (and
  // flattening it to read it) was half of this function's cost, and it runs for every decision.
  const seed = String(runSeed);
  const idStart = seed.length + 1;
  const purposeStart = idStart + id.length + 1;
  const length = purposeStart + purpose.length;
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < length; i++) {
    const k =
      i < idStart - 1
        ? seed.charCodeAt(i)
        : i === idStart - 1 || i === purposeStart - 1
          ? 0
          : i < purposeStart
            ? id.charCodeAt(i - idStart)
            : purpose.charCodeAt(i - purposeStart);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  const state = new Uint32Array(4);
  // sfc32 must not start from the all-zero state.
  state[0] = (h1 | h2 | h3 | h4) === 0 ? 1 : h1;
  state[1] = h2;
  state[2] = h3;
  state[3] = h4;
  return state;
}
