import type { Rng } from "../rng/random.js";
import { existsPersona } from "./assign-values.js";
import type { SamplerContext, SamplingStrategy, Streams } from "./strategy.js";
import { drawRandom } from "./strategy-random.js";

/** How many candidate rows AETG builds per persona before keeping the best one. */
const AETG_CANDIDATES = 50;

/** Pairwise coverage as reported: how many value pairs of the coverage dimensions are covered. */
export interface CoverageReport {
  dimensions: string[];
  pairs_total: number;
  pairs_covered: number;
  /** `pairs_covered / pairs_total` (1 when there are no pairs). */
  ratio: number;
  /**
   * Personas this run's greedy covering used to cover every pair (0 when the stored personas already
   * did). When the run stopped before that, the number the greedy would need in total, projected
   * by continuing it without the other dimensions.
   */
  personas_needed: number;
}

/**
 * What the bank's rules say about coverage rows, by position in the coverage dimensions: which value
 * pairs may share a persona, which pairs some persona can hold at all, and whether a whole row can.
 */
export interface RowRules {
  fits(a: number, va: number, b: number, vb: number): boolean;
  pairExists(a: number, va: number, b: number, vb: number): boolean;
  rowExists(row: readonly number[]): boolean;
}

/**
 * The value pairs of every two coverage dimensions not yet seen in a persona: one bitmap per pair of
 * dimensions, indexed `value_a * size_b + value_b`. Pairs no persona can hold (the bank's rules
 * rule them out) are neither counted nor sought.
 */
export class PairCoverage {
  private remaining: number;

  private constructor(
    readonly dims: readonly number[],
    private readonly sizes: readonly number[],
    private readonly uncovered: Uint8Array[],
    /** The pairs some persona can hold. */
    readonly total: number,
    remaining: number,
    private readonly rules: RowRules | undefined,
  ) {
    this.remaining = remaining;
  }

  /** Every pair that can exist uncovered. */
  static create(dims: readonly number[], sizes: readonly number[], rules?: RowRules): PairCoverage {
    const maps: Uint8Array[] = [];
    let total = 0;
    for (let a = 0; a < dims.length; a++) {
      for (let b = a + 1; b < dims.length; b++) {
        const map = new Uint8Array(sizes[a]! * sizes[b]!);
        for (let at = 0; at < map.length; at++) {
          const va = Math.floor(at / sizes[b]!);
          const vb = at % sizes[b]!;
          map[at] = !rules || rules.pairExists(a, va, b, vb) ? 1 : 0;
          total += map[at]!;
        }
        maps.push(map);
      }
    }
    return new PairCoverage(dims, sizes, maps, total, total, rules);
  }

  /** An independent copy (to project how many more rows the greedy needs). */
  clone(): PairCoverage {
    return new PairCoverage(
      this.dims,
      this.sizes,
      this.uncovered.map((m) => m.slice()),
      this.total,
      this.remaining,
      this.rules,
    );
  }

  get covered(): number {
    return this.total - this.remaining;
  }

  get complete(): boolean {
    return this.remaining === 0;
  }

  private pairIndex(a: number, b: number): number {
    // Pairs are stored row by row: (0,1), (0,2), …, (1,2), …
    const k = this.dims.length;
    return a * k - (a * (a + 1)) / 2 + (b - a - 1);
  }

  private isUncovered(a: number, va: number, b: number, vb: number): boolean {
    if (va < 0 || vb < 0) return false;
    if (a > b) return this.isUncovered(b, vb, a, va);
    return this.uncovered[this.pairIndex(a, b)]![va * this.sizes[b]! + vb] === 1;
  }

  /** Marks the pairs of a persona as covered (dimensions absent or unknown are skipped). */
  markCovered(codes: Int32Array): void {
    this.markRow(this.dims.map((d) => codes[d] ?? -1));
  }

  private markRow(row: readonly number[]): void {
    for (let a = 0; a < row.length; a++) {
      const va = row[a]!;
      if (va < 0) continue;
      for (let b = a + 1; b < row.length; b++) {
        const vb = row[b]!;
        if (vb < 0) continue;
        const map = this.uncovered[this.pairIndex(a, b)]!;
        const at = va * this.sizes[b]! + vb;
        if (map[at] === 1) {
          map[at] = 0;
          this.remaining--;
        }
      }
    }
  }

  /**
   * AETG: builds candidate rows (start from a value in the most uncovered pairs, then each other
   * dimension in random order takes the value covering the most uncovered pairs with the values
   * chosen so far, ties broken by `rng`) and returns the one covering the most uncovered pairs.
   * Values are per coverage dimension, in `dims` order. With bank rules a row holds only compatible
   * values (-1 where none is left) and only rows some persona can hold count; when no candidate
   * can, the row is one uncovered pair with the start value (which exists, or it would not count).
   */
  nextRow(rng: Rng): number[] {
    const k = this.dims.length;
    const tally: number[][] = this.sizes.map((size) => new Array<number>(size).fill(0));
    for (let a = 0; a < k; a++) {
      for (let b = a + 1; b < k; b++) {
        const map = this.uncovered[this.pairIndex(a, b)]!;
        const sb = this.sizes[b]!;
        for (let at = 0; at < map.length; at++) {
          if (map[at] !== 1) continue;
          tally[a]![Math.floor(at / sb)]!++;
          tally[b]![at % sb]!++;
        }
      }
    }
    let bestTally = 0;
    const starts: Array<[number, number]> = [];
    tally.forEach((counts, a) => {
      counts.forEach((count, v) => {
        if (count > bestTally) {
          bestTally = count;
          starts.length = 0;
        }
        if (count === bestTally && count > 0) starts.push([a, v]);
      });
    });
    let best: number[] = [];
    let bestGain = -1;
    for (let c = 0; c < AETG_CANDIDATES && starts.length > 0; c++) {
      const [a0, v0] = rng.pick(starts);
      const row = new Array<number>(k).fill(-1);
      row[a0] = v0;
      const order = rng.shuffle([...Array(k).keys()].filter((a) => a !== a0));
      let gain = 0;
      const assigned = [a0];
      for (const b of order) {
        let top = -1;
        const ties: number[] = [];
        for (let v = 0; v < this.sizes[b]!; v++) {
          if (this.rules && !this.fitsRow(row, assigned, b, v)) continue;
          let score = 0;
          for (const a of assigned) if (this.isUncovered(a, row[a]!, b, v)) score++;
          if (score > top) {
            top = score;
            ties.length = 0;
          }
          if (score === top) ties.push(v);
        }
        if (ties.length === 0) continue;
        row[b] = rng.pick(ties);
        gain += top;
        assigned.push(b);
      }
      if (this.rules && !this.rules.rowExists(row)) continue;
      if (gain > bestGain) {
        bestGain = gain;
        best = row;
      }
    }
    if (bestGain < 0 && starts.length > 0) best = this.pairRow(starts[0]![0], starts[0]![1]);
    return best;
  }

  private fitsRow(row: readonly number[], assigned: readonly number[], b: number, v: number): boolean {
    for (const a of assigned) if (!this.rules!.fits(a, row[a]!, b, v)) return false;
    return true;
  }

  /** A row holding value `va` of position `a` and its first uncovered partner, nothing else. */
  private pairRow(a: number, va: number): number[] {
    const row = new Array<number>(this.dims.length).fill(-1);
    row[a] = va;
    for (let b = 0; b < this.dims.length; b++) {
      if (b === a) continue;
      for (let vb = 0; vb < this.sizes[b]!; vb++) {
        if (this.isUncovered(a, va, b, vb)) {
          row[b] = vb;
          return row;
        }
      }
    }
    return row;
  }

  /** How many more rows the greedy needs to cover every pair, drawing tie-breaks from `rngFor(n)`. */
  rowsToComplete(rngFor: (n: number) => Rng): number {
    const copy = this.clone();
    let n = 0;
    while (!copy.complete) {
      const before = copy.remaining;
      copy.markRow(copy.nextRow(rngFor(n)));
      n++;
      if (copy.remaining === before) break; // cannot happen: every row covers a pair; guards the loop
    }
    return n;
  }
}

/**
 * `coverage`: while some value pair of the coverage dimensions is missing, each persona takes the
 * AETG row covering the most missing pairs (the other dimensions drawn as `random`); once every
 * pair is covered, personas are drawn as `random`. Stored personas count as covering their pairs.
 * Only pairs some persona can hold under the bank's rules are counted and sought.
 */
export class CoverageStrategy implements SamplingStrategy {
  readonly name: string = "coverage";
  readonly pairs: PairCoverage;
  /** This run's personas accepted while some pair was still missing. */
  coveringPersonas = 0;

  constructor(
    private readonly ctx: SamplerContext,
    readonly dims: readonly number[],
  ) {
    this.pairs = PairCoverage.create(
      dims,
      dims.map((d) => ctx.index.values[d]?.length ?? 1),
      ctx.compat.hasRules ? rowRules(ctx, dims) : undefined,
    );
  }

  propose(_slot: number, streams: Streams): Int32Array | undefined {
    if (this.pairs.complete) return drawRandom(this.ctx, streams)?.codes;
    const row = this.pairs.nextRow(streams("coverage"));
    return drawRandom(this.ctx, streams, rowValues(this.dims, row))?.codes;
  }

  /** Records a stored persona: its pairs are covered, but it is not one of this run's. */
  observeStored(codes: Int32Array): void {
    this.pairs.markCovered(codes);
  }

  accept(codes: Int32Array): void {
    if (this.pairs.complete) return;
    this.coveringPersonas++;
    this.pairs.markCovered(codes);
  }
}

/** Dimension → value of the coverage dimensions a row sets (-1: left to the draw). */
function rowValues(dims: readonly number[], row: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  dims.forEach((d, k) => {
    if (row[k]! >= 0) out.set(d, row[k]!);
  });
  return out;
}

function rowRules(ctx: SamplerContext, dims: readonly number[]): RowRules {
  const { compat, required } = ctx;
  // AETG tries the same rows again and again: each is searched for once.
  const rows = new Map<string, boolean>();
  return {
    fits: (a, va, b, vb) => {
      const allowed = compat.allowedBy(dims[a]!, va, dims[b]!);
      return allowed === undefined || ((allowed[vb >>> 5]! >>> (vb & 31)) & 1) === 1;
    },
    pairExists: (a, va, b, vb) =>
      compat.compatible(dims[a]!, va, dims[b]!, vb) &&
      existsPersona(
        compat,
        new Map([
          [dims[a]!, va],
          [dims[b]!, vb],
        ]),
        required,
      ),
    rowExists: (row) => {
      const key = row.join(",");
      let exists = rows.get(key);
      if (exists === undefined) {
        exists = existsPersona(compat, rowValues(dims, row), required);
        rows.set(key, exists);
      }
      return exists;
    },
  };
}
