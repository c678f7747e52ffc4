import { deriveSeed, type RunSeed } from "./derive-seed.js";

/**
 * A small, fast, seeded random stream (sfc32). Never shared between decisions: derive one per
 * `(run seed, id, purpose)` with {@link createRng}.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(state: Uint32Array) {
    this.a = state[0] ?? 0;
    this.b = state[1] ?? 0;
    this.c = state[2] ?? 0;
    this.d = state[3] ?? 1;
    for (let i = 0; i < 12; i++) this.nextUint32(); // warm up: decorrelate nearby seeds
  }

  /** Next unsigned 32-bit integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1) with 53 bits of randomness. */
  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0)
      throw new RangeError(`Rng.int: n must be a positive integer, got ${n}`);
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max], both included. */
  intBetween(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    if (p <= 0) return false;
    if (p >= 1) return true;
    return this.next() < p;
  }

  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("Rng.pick: empty list");
    return items[this.int(items.length)] as T;
  }

  /** Index chosen with probability proportional to its weight (weights ≥ 0, not all zero). */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += Math.max(w, 0);
    if (total <= 0) throw new RangeError("Rng.weightedIndex: no positive weight");
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i] ?? 0;
      if (w <= 0) continue;
      r -= w;
      if (r < 0) return i;
    }
    // Floating-point leftovers: return the last positive weight.
    for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] ?? 0) > 0) return i;
    return 0;
  }

  /** One element chosen with probability proportional to `weight(element)`. */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    return items[this.weightedIndex(items.map(weight))] as T;
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }

  /** k distinct elements in random order (k is capped at the list length). */
  sample<T>(items: readonly T[], k: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, Math.min(k, items.length)));
  }
}

export type { RunSeed };

/** The stream for one decision: `purpose` names the decision, `id` the thing it is about. */
export function createRng(runSeed: RunSeed, id: string, purpose: string): Rng {
  return new Rng(deriveSeed(runSeed, id, purpose));
}
