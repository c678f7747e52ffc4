import type { Rng } from "../rng/random.js";
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
 * The value pairs of every two coverage dimensions not yet seen in a persona: one bitmap per pair of
 * dimensions, indexed `value_a * size_b + value_b`.
 */
export class PairCoverage {
  readonly total: number;
  private remaining: number;

  private constructor(
    readonly dims: readonly number[],
    private readonly sizes: readonly number[],
    private readonly uncovered: Uint8Array[],
    remaining: number,
  ) {
    this.total = sizes.reduce((sum, a, i) => sum + sizes.slice(i + 1).reduce((s, b) => s + a * b, 0), 0);
    this.remaining = remaining;
  }

  /** Every pair uncovered. */
  static create(dims: readonly number[], sizes: readonly number[]): PairCoverage {
    const maps: Uint8Array[] = [];
    for (let a = 0; a < dims.length; a++) {
      for (let b = a + 1; b < dims.length; b++) maps.push(new Uint8Array(sizes[a]! * sizes[b]!).fill(1));
    }
    const total = maps.reduce((s, m) => s + m.length, 0);
    return new PairCoverage(dims, sizes, maps, total);
  }

  /** An independent copy (to project how many more rows the greedy needs). */
  clone(): PairCoverage {
    return new PairCoverage(
      this.dims,
      this.sizes,
      this.uncovered.map((m) => m.slice()),
      this.remaining,
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
   * Values are per coverage dimension, in `dims` order.
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
          let score = 0;
          for (const a of assigned) if (this.isUncovered(a, row[a]!, b, v)) score++;
          if (score > top) {
            top = score;
            ties.length = 0;
          }
          if (score === top) ties.push(v);
        }
        row[b] = rng.pick(ties);
        gain += top;
        assigned.push(b);
      }
      if (gain > bestGain) {
        bestGain = gain;
        best = row;
      }
    }
    return best;
  }

  /** How many more rows the greedy needs to cover every pair, drawing tie-breaks from `rngFor(n)`. */
  rowsToComplete(rngFor: (n: number) => Rng): number {
    const copy = this.clone();
    let n = 0;
    while (!copy.complete) {
      copy.markRow(copy.nextRow(rngFor(n)));
      n++;
    }
    return n;
  }
}

/**
 * `coverage`: while some value pair of the coverage dimensions is missing, each persona takes the
 * AETG row covering the most missing pairs (the other dimensions drawn as `random`); once every
 * pair is covered, personas are drawn as `random`. Stored personas count as covering their pairs.
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
    );
  }

  propose(_slot: number, streams: Streams): Int32Array {
    if (this.pairs.complete) return drawRandom(this.ctx, streams).codes;
    const row = this.pairs.nextRow(streams("coverage"));
    return drawRandom(this.ctx, streams, new Map(this.dims.map((d, k) => [d, row[k]!]))).codes;
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
