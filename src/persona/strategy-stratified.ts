import type { Rng } from "../rng/random.js";
import type { SamplerContext, SamplingStrategy, Streams } from "./strategy.js";
import { drawRandom } from "./strategy-random.js";

/**
 * Usage counts of the cells of the product of some dimensions' values, with the least-used cells
 * kept in a list so choosing one is O(1): the list is rebuilt only when the minimum count rises.
 */
export class CellUsage {
  private readonly sizes: number[];
  private readonly counts: Int32Array;
  private readonly atMin: number[] = [];
  private readonly position: Int32Array;
  private minCount = 0;

  constructor(
    private readonly dims: readonly number[],
    valueCounts: readonly number[],
  ) {
    this.sizes = dims.map((_, k) => valueCounts[k] ?? 1);
    const cells = this.sizes.reduce((a, b) => a * b, 1);
    this.counts = new Int32Array(cells);
    this.position = new Int32Array(cells).fill(-1);
    this.rebuild();
  }

  /** The cell a persona falls in, or undefined when it lacks a dimension or has an unknown value. */
  cellOf(codes: Int32Array): number | undefined {
    let cell = 0;
    for (let k = 0; k < this.dims.length; k++) {
      const v = codes[this.dims[k]!] ?? -1;
      if (v < 0) return undefined;
      cell = cell * this.sizes[k]! + v;
    }
    return cell;
  }

  /** Dimension → value code of a cell. */
  valuesOf(cell: number): Map<number, number> {
    const out = new Map<number, number>();
    let rest = cell;
    for (let k = this.dims.length - 1; k >= 0; k--) {
      const size = this.sizes[k]!;
      out.set(this.dims[k]!, rest % size);
      rest = Math.floor(rest / size);
    }
    return out;
  }

  /** One of the least-used cells, uniformly. */
  leastUsed(rng: Rng): number {
    return this.atMin[rng.int(this.atMin.length)]!;
  }

  /** Counts one use of a cell. */
  use(cell: number): void {
    const count = this.counts[cell]!;
    this.counts[cell] = count + 1;
    if (count !== this.minCount) return;
    const at = this.position[cell]!;
    const last = this.atMin.pop()!;
    if (last !== cell) {
      this.atMin[at] = last;
      this.position[last] = at;
    }
    this.position[cell] = -1;
    if (this.atMin.length === 0) this.rebuild();
  }

  private rebuild(): void {
    let min = Number.POSITIVE_INFINITY;
    for (const c of this.counts) if (c < min) min = c;
    this.minCount = min;
    this.atMin.length = 0;
    for (let cell = 0; cell < this.counts.length; cell++) {
      if (this.counts[cell] === min) {
        this.position[cell] = this.atMin.length;
        this.atMin.push(cell);
      }
    }
  }
}

/**
 * `stratified`: the `stratify_by` dimensions take the values of a least-used cell of their product
 * (usage counted over stored personas and this run's), the other dimensions are drawn as `random`.
 */
export class StratifiedStrategy implements SamplingStrategy {
  readonly name: string = "stratified";
  private readonly usage: CellUsage;

  constructor(
    private readonly ctx: SamplerContext,
    dims: readonly number[],
  ) {
    this.usage = new CellUsage(
      dims,
      dims.map((d) => ctx.index.values[d]?.length ?? 1),
    );
  }

  propose(_slot: number, streams: Streams): Int32Array {
    const cell = this.usage.leastUsed(streams("cell"));
    return drawRandom(this.ctx, streams, this.usage.valuesOf(cell)).codes;
  }

  accept(codes: Int32Array): void {
    const cell = this.usage.cellOf(codes);
    if (cell !== undefined) this.usage.use(cell);
  }

  observeStored(codes: Int32Array): void {
    this.accept(codes);
  }
}
