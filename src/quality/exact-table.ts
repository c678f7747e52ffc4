import { SpillingMultimap } from "./spilling-multimap.js";

/** Entries kept in memory (640 KB): one per distinct text, ten times fewer than a band table's. */
const EXACT_IN_MEMORY = 1 << 15;

/**
 * A set of 52-bit hashes, each mapped to the number of the first item that had it (items are
 * numbered in the order they come). Bounded memory at any size: see SpillingMultimap (a million
 * entries cost about 2 MB of memory and a temporary file of 12 MB).
 */
export class ExactTable {
  private readonly map: SpillingMultimap;
  private readonly found: number[] = [];

  constructor(options: { inMemory?: number } = {}) {
    this.map = new SpillingMultimap({ inMemory: options.inMemory ?? EXACT_IN_MEMORY });
  }

  /**
   * The first item recorded with `hash`; when there is none, records `item` (not smaller than any
   * item before) and returns undefined.
   */
  firstOf(hash: number, item: number): number | undefined {
    const [first] = this.map.valuesOf(hash, 1, this.found);
    if (first !== undefined) return first;
    this.map.add(hash, item);
    return undefined;
  }

  /** Frees the temporary files now. */
  close(): void {
    this.map.close();
  }
}
