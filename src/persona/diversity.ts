import { ABSENT, codesKey, type DimensionIndex, UNKNOWN_VALUE } from "./dimension-index.js";

/** How personas are compared: the weight of each dimension in the Hamming distance. */
export interface DistanceWeights {
  /** Dimensions that weigh `priorityWeight` instead of 1. */
  priorityDimensions?: readonly string[];
  priorityWeight?: number;
}

/**
 * Weighted Hamming distance over shared dimensions: a dimension counts when both personas have it
 * and their values differ; a priority dimension counts `priorityWeight`, any other 1. A trait only
 * one of the two has says nothing about whether they are the same kind of user, so it does not count:
 * a persona with fewer traits than another but the same values on them is at distance 0.
 */
export function weightedHammingDistance(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
  weights: DistanceWeights = {},
): number {
  const priority = new Set(weights.priorityDimensions ?? []);
  const weight = weights.priorityWeight ?? 1;
  let distance = 0;
  for (const name of Object.keys(a)) {
    if (name in b && a[name] !== b[name]) distance += priority.has(name) ? weight : 1;
  }
  return distance;
}

/**
 * Every persona a candidate must keep its distance from (the stored ones and this run's accepted
 * ones), by {@link weightedHammingDistance} (shared dimensions only). Each persona is packed into a
 * few 32-bit words, one bit field per dimension (0 = absent, value index + 1, all ones = a value the
 * bank does not know), so one XOR compares several dimensions and SWAR tests (field differs, field
 * present on both sides) plus a popcount count how many of them differ. A scan stops comparing a
 * pair as soon as the distance reaches the bound, and stops the scan at the first persona closer
 * than the floor. Exact duplicates are found by key, not by scan.
 */
export class DiversityIndex {
  private readonly dims: number;
  private readonly bits: number;
  private readonly perWord: number;
  private readonly words: number;
  private readonly unknownCode: number;
  /** Every field's bits but its top one: adding it to a field sets the top bit iff the field ≠ 0. */
  private readonly lowMask: number;
  /** Per word: the top bit of each field of a dimension of weight 1, and of a priority dimension. */
  private readonly plainHigh: Int32Array;
  private readonly priorityHigh: Int32Array;
  private readonly priorityWeight: number;
  private rows: Int32Array;
  private capacity: number;
  private count = 0;
  private readonly keys = new Set<string>();

  constructor(index: DimensionIndex, weights: DistanceWeights, capacity = 64) {
    this.dims = index.names.length;
    const maxValues = Math.max(1, ...index.values.map((v) => v.length));
    // Codes 0 (absent), 1..maxValues, and all ones (unknown) must fit in a field.
    this.bits = Math.min(32, Math.ceil(Math.log2(maxValues + 2)));
    this.perWord = Math.floor(32 / this.bits);
    this.words = Math.ceil(this.dims / this.perWord);
    this.unknownCode = this.bits === 32 ? -1 : 2 ** this.bits - 1;
    let low = 0;
    for (let f = 0; f < this.perWord; f++) low |= (2 ** (this.bits - 1) - 1) << (f * this.bits);
    this.lowMask = low;
    const priority = new Set(weights.priorityDimensions ?? []);
    this.priorityWeight = weights.priorityWeight ?? 1;
    this.plainHigh = new Int32Array(this.words);
    this.priorityHigh = new Int32Array(this.words);
    index.names.forEach((name, d) => {
      const w = Math.floor(d / this.perWord);
      const top = 1 << ((d % this.perWord) * this.bits + this.bits - 1);
      if (priority.has(name) && this.priorityWeight !== 1) this.priorityHigh[w]! |= top;
      else this.plainHigh[w]! |= top;
    });
    this.capacity = Math.max(capacity, 1);
    this.rows = new Int32Array(this.capacity * this.words);
  }

  get size(): number {
    return this.count;
  }

  /**
   * Adds a persona. `fullyKnown` says whether `codes` describes it exactly (only then can a candidate
   * be an exact duplicate of it); its features outside the bank are shared with no candidate, so
   * they never count in a distance.
   */
  add(codes: Int32Array, fullyKnown = true): void {
    if (this.count === this.capacity) {
      this.capacity *= 2;
      const rows = new Int32Array(this.capacity * this.words);
      rows.set(this.rows);
      this.rows = rows;
    }
    this.pack(codes, this.rows, this.count * this.words);
    this.count++;
    if (fullyKnown) this.keys.add(codesKey(codes));
  }

  /** True when the candidate has exactly the features of a persona in the index. */
  isDuplicate(codes: Int32Array): boolean {
    return this.keys.has(codesKey(codes));
  }

  /**
   * The distance from `codes` to its nearest persona, capped at `bound` (returns `bound` when every
   * persona is at least that far). Stops early, returning the first distance found below `floor`:
   * with `floor = min_hamming_distance` a too-close candidate is rejected at its first neighbour.
   */
  nearest(codes: Int32Array, bound: number, floor = Number.NEGATIVE_INFINITY): number {
    const packed = new Int32Array(this.words);
    this.pack(codes, packed, 0);
    const { rows, words, lowMask, plainHigh, priorityHigh, priorityWeight, count } = this;
    // Top bit of each field set iff the field is non-zero (no carry crosses fields).
    const nonZero = (x: number) => ((x & lowMask) + lowMask) | x;
    const present = packed.map(nonZero);
    let best = bound;
    for (let i = 0, offset = 0; i < count; i++, offset += words) {
      let distance = 0;
      for (let w = 0; w < words; w++) {
        const row = rows[offset + w]!;
        const x = row ^ packed[w]!;
        if (x === 0) continue;
        const counted = nonZero(x) & nonZero(row) & present[w]!;
        distance += popcount(counted & plainHigh[w]!);
        const p = counted & priorityHigh[w]!;
        if (p !== 0) distance += priorityWeight * popcount(p);
        if (distance >= best) break;
      }
      if (distance < best) {
        best = distance;
        if (best < floor) return best;
      }
    }
    return best;
  }

  private pack(codes: Int32Array, out: Int32Array, offset: number): void {
    out.fill(0, offset, offset + this.words);
    for (let d = 0; d < this.dims; d++) {
      const v = codes[d] ?? ABSENT;
      const field = v === ABSENT ? 0 : v === UNKNOWN_VALUE ? this.unknownCode : v + 1;
      out[offset + Math.floor(d / this.perWord)]! |= field << ((d % this.perWord) * this.bits);
    }
  }
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
