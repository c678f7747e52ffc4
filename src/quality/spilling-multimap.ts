import { combine32 } from "./fast-hash.js";
import { SortedRun } from "./sorted-run.js";

/**
 * Entries held in memory before they are written out as a sorted run (2.5 MB at most: keys, values
 * and an index at most half full). Past it, memory is a Bloom filter and block index per run.
 */
export const DEFAULT_IN_MEMORY = 1 << 17;

const INITIAL = 1024;

/**
 * Runs stop merging at this level (2^4 memory loads, 2M entries at the default): merging bigger ones
 * would allocate a big Bloom filter beside the two it replaces, and the freed ones are not returned
 * to the system, which raised the peak RSS of a million-sample export by ~30 MB. A lookup consults
 * the log2 of the smaller runs plus one Bloom filter per 2^MAX_LEVEL loads.
 */
const MAX_LEVEL = 4;

/**
 * A multimap from keys (integers below 2^53, such as 52-bit hashes) to 32-bit values added in
 * increasing order, for indexes of millions of entries in bounded memory. The newest entries are
 * in memory (open addressing); when `inMemory` of them are held, they are written to a temporary
 * file as a sorted run (see SortedRun), and runs of equal size are merged up to a size, so a lookup
 * consults a few runs (see MAX_LEVEL) — most of them through their Bloom filter alone. Exact:
 * {@link valuesOf} returns what a `Map<number, number[]>` would.
 */
export class SpillingMultimap {
  private keys = new Float64Array(INITIAL);
  private values = new Uint32Array(INITIAL);
  /** Entry index + 1 by slot (0 = empty): linear probing, so equal keys lie in the order added. */
  private slots = new Int32Array(INITIAL * 2);
  private count = 0;
  /** Oldest first; a run's level is log2 of its size in memory loads. */
  private readonly runs: Array<{ run: SortedRun; level: number }> = [];
  private readonly inMemory: number;

  constructor(options: { inMemory?: number } = {}) {
    this.inMemory = Math.max(1, options.inMemory ?? DEFAULT_IN_MEMORY);
  }

  /** Entries added so far. */
  get size(): number {
    return this.runs.reduce((sum, r) => sum + r.run.count, this.count);
  }

  /** Adds an entry; `value` must not be smaller than any value added before. */
  add(key: number, value: number): void {
    if (this.count === this.keys.length) {
      if (this.count >= this.inMemory) this.spill();
      else this.resize(Math.min(this.keys.length * 2, this.inMemory));
    }
    this.keys[this.count] = key;
    this.values[this.count] = value;
    this.place(this.count++);
  }

  /**
   * The first `limit` values added with `key`, in the order added (fewer when there are fewer), in
   * `out` (emptied first; reusing one array spares an allocation per lookup).
   */
  valuesOf(key: number, limit: number, out: number[] = []): number[] {
    out.length = 0;
    for (const { run } of this.runs) {
      run.collect(key, limit, out);
      if (out.length >= limit) return out;
    }
    const mask = this.slots.length - 1;
    for (let slot = homeOf(key) & mask; this.slots[slot] !== 0; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]! - 1;
      if (this.keys[entry] !== key) continue;
      out.push(this.values[entry]!);
      if (out.length >= limit) break;
    }
    return out;
  }

  /** Frees the temporary files now (they are freed anyway when the map is collected). */
  close(): void {
    for (const { run } of this.runs) run.close();
    this.runs.length = 0;
  }

  private place(entry: number): void {
    const mask = this.slots.length - 1;
    let slot = homeOf(this.keys[entry]!) & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = entry + 1;
  }

  private resize(capacity: number): void {
    const keys = new Float64Array(capacity);
    const values = new Uint32Array(capacity);
    keys.set(this.keys.subarray(0, this.count));
    values.set(this.values.subarray(0, this.count));
    this.keys = keys;
    this.values = values;
    let slots = 2;
    while (slots < capacity * 2) slots *= 2;
    this.slots = new Int32Array(slots);
    for (let entry = 0; entry < this.count; entry++) this.place(entry);
  }

  /** Writes the entries in memory as a run, merges runs of equal level, and empties memory. */
  private spill(): void {
    const order = new Uint32Array(this.count);
    for (let i = 0; i < order.length; i++) order[i] = i;
    // By key, then as added (values only grow).
    order.sort((a, b) => this.keys[a]! - this.keys[b]! || a - b);
    let run = SortedRun.write(order.length, (push) => {
      for (const i of order) push(this.keys[i]!, this.values[i]!);
    });
    let level = 0;
    for (let last = this.runs.at(-1); last?.level === level && level < MAX_LEVEL; last = this.runs.at(-1)) {
      this.runs.pop();
      run = SortedRun.merge(last.run, run);
      level++;
    }
    this.runs.push({ run, level });
    this.count = 0;
    this.slots.fill(0);
  }
}

function homeOf(key: number): number {
  return combine32(Math.floor(key / 4294967296), key >>> 0);
}
