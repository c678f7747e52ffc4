import { ABSENT, codesKey, type DimensionIndex, UNKNOWN_VALUE } from "./dimension-index.js";

/** How personas are compared: the weight of each dimension in the Hamming distance. */
export interface DistanceWeights {
  /** Dimensions that weigh `priorityWeight` instead of 1. */
  priorityDimensions?: readonly string[];
  priorityWeight?: number;
}

/**
 * Weighted Hamming distance between two feature dicts: a dimension counts when the values differ or
 * only one of the two has it; a priority dimension counts `priorityWeight`, any other 1.
 */
export function weightedHammingDistance(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
  weights: DistanceWeights = {},
): number {
  const priority = new Set(weights.priorityDimensions ?? []);
  const weight = weights.priorityWeight ?? 1;
  let distance = 0;
  for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (a[name] !== b[name]) distance += priority.has(name) ? weight : 1;
  }
  return distance;
}

/**
 * Every persona a candidate must keep its distance from (the stored ones and this run's accepted
 * ones). Each persona is packed into a few 32-bit words, one bit field per dimension (0 = absent,
 * value index + 1, all ones = a value the bank does not know), so one XOR compares several
 * dimensions and a SWAR test plus a popcount counts how many of them differ. A scan stops comparing a
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
  /** Per persona: the weight of its features outside the bank (a distance no candidate can avoid). */
  private base: Float64Array;
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
    this.rows = new Int32Array(Math.max(capacity, 1) * this.words);
    this.base = new Float64Array(Math.max(capacity, 1));
  }

  get size(): number {
    return this.count;
  }

  /**
   * Adds a persona. `unknownDimensions` counts its features outside the bank; `fullyKnown` says
   * whether `codes` describes it exactly (only then can a candidate be an exact duplicate of it).
   */
  add(codes: Int32Array, unknownDimensions = 0, fullyKnown = true): void {
    if (this.count === this.base.length) {
      const rows = new Int32Array(this.rows.length * 2);
      rows.set(this.rows);
      this.rows = rows;
      const base = new Float64Array(this.base.length * 2);
      base.set(this.base);
      this.base = base;
    }
    this.pack(codes, this.rows, this.count * this.words);
    this.base[this.count] = unknownDimensions;
    this.count++;
    if (fullyKnown && unknownDimensions === 0) this.keys.add(codesKey(codes));
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
    const { rows, base, words, lowMask, plainHigh, priorityHigh, priorityWeight, count } = this;
    let best = bound;
    for (let i = 0, offset = 0; i < count; i++, offset += words) {
      let distance = base[i]!;
      if (distance >= best) continue;
      for (let w = 0; w < words; w++) {
        const x = rows[offset + w]! ^ packed[w]!;
        if (x === 0) continue;
        // Top bit of each field set iff the field differs (no carry crosses fields).
        const differs = ((x & lowMask) + lowMask) | x;
        distance += popcount(differs & plainHigh[w]!);
        const p = differs & priorityHigh[w]!;
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
