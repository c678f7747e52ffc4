import type { Rng } from "../rng/random.js";
import { existsPersona } from "./assign-values.js";
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
  /** Cells no persona can be in (the bank's rules rule them out): never chosen. */
  private readonly retired: Uint8Array;
  private minCount = 0;

  constructor(
    private readonly dims: readonly number[],
    valueCounts: readonly number[],
  ) {
    this.sizes = dims.map((_, k) => valueCounts[k] ?? 1);
    const cells = this.sizes.reduce((a, b) => a * b, 1);
    this.counts = new Int32Array(cells);
    this.position = new Int32Array(cells).fill(-1);
    this.retired = new Uint8Array(cells);
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

  /** True while some cell can still be chosen. */
  get open(): boolean {
    return this.atMin.length > 0;
  }

  /** Takes a cell out of the choice for good. */
  retire(cell: number): void {
    if (this.retired[cell]) return;
    this.retired[cell] = 1;
    this.leave(cell);
  }

  /** Counts one use of a cell. */
  use(cell: number): void {
    if (this.retired[cell]) return;
    const count = this.counts[cell]!;
    this.counts[cell] = count + 1;
    if (count === this.minCount) this.leave(cell);
  }

  /** Removes a cell from the least-used list, moving the minimum up when the list runs empty. */
  private leave(cell: number): void {
    const at = this.position[cell]!;
    if (at < 0) return;
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
    for (let cell = 0; cell < this.counts.length; cell++)
      if (!this.retired[cell] && this.counts[cell]! < min) min = this.counts[cell]!;
    this.minCount = min;
    this.atMin.length = 0;
    for (let cell = 0; cell < this.counts.length; cell++) {
      if (this.counts[cell] === min && !this.retired[cell]) {
        this.position[cell] = this.atMin.length;
        this.atMin.push(cell);
      }
    }
  }
}

/**
 * `stratified`: the `stratify_by` dimensions take the values of a least-used cell of their product
 * (usage counted over stored personas and this run's), the other dimensions are drawn as `random`.
 * Cells the bank's rules rule out (no persona can be in them) are retired when first chosen.
 */
export class StratifiedStrategy implements SamplingStrategy {
  readonly name: string = "stratified";
  private readonly usage: CellUsage;
  /** Cells already checked against the bank's rules. */
  private readonly feasibleCells = new Map<number, boolean>();

  constructor(
    private readonly ctx: SamplerContext,
    dims: readonly number[],
  ) {
    this.usage = new CellUsage(
      dims,
      dims.map((d) => ctx.index.values[d]?.length ?? 1),
    );
  }

  propose(_slot: number, streams: Streams): Int32Array | undefined {
    const rng = streams("cell");
    while (this.usage.open) {
      const cell = this.usage.leastUsed(rng);
      const values = this.usage.valuesOf(cell);
      if (this.feasible(cell, values)) return drawRandom(this.ctx, streams, values)?.codes;
      this.usage.retire(cell);
    }
    return undefined;
  }

  private feasible(cell: number, values: ReadonlyMap<number, number>): boolean {
    if (!this.ctx.compat.hasRules) return true;
    let known = this.feasibleCells.get(cell);
    if (known === undefined) {
      known = existsPersona(this.ctx.compat, values, this.ctx.required);
      this.feasibleCells.set(cell, known);
    }
    return known;
  }

  accept(codes: Int32Array): void {
    const cell = this.usage.cellOf(codes);
    if (cell !== undefined) this.usage.use(cell);
  }

  observeStored(codes: Int32Array): void {
    this.accept(codes);
  }
}
