import type { Rng } from "../rng/random.js";

const BASE_MS = 250;
const CAP_MS = 20_000;

/**
 * Delay before retry `attempt` (1-based): exponential from 250 ms, capped at 20 s, with "equal jitter"
 * (half fixed, half random) so a burst of failures does not retry in lockstep. A server's
 * Retry-After wins when it asks for longer.
 */
export function retryDelay(attempt: number, rng: Rng, retryAfterMs?: number): number {
  const exp = Math.min(CAP_MS, BASE_MS * 2 ** (attempt - 1));
  const jittered = exp / 2 + rng.next() * (exp / 2);
  return Math.max(jittered, retryAfterMs ?? 0);
}
