import { BloomFilter } from "./bloom-filter.js";
import { SpillFile } from "./spill-file.js";

/** Entries per block: a lookup reads one block (1.5 KB), two when its key straddles blocks. */
const BLOCK = 128;
const KEY_BYTES = BLOCK * 8;
const BLOCK_BYTES = BLOCK * 12;

/** One block's bytes, with views of its keys and values. */
class BlockBuffer {
  readonly bytes = new Uint8Array(BLOCK_BYTES);
  readonly keys = new Float64Array(this.bytes.buffer, 0, BLOCK);
  readonly values = new Uint32Array(this.bytes.buffer, KEY_BYTES, BLOCK);
}

/**
 * Entries (a key below 2^53, a 32-bit value) sorted by key then value, in a spill file: blocks of
 * {@link BLOCK} keys followed by their values. In memory stay each block's first key and a Bloom
 * filter of the keys (about 1.1 bytes an entry), so looking up a key the run does not hold reads
 * nothing ~97% of the time, and one it holds reads the block or two where it is.
 */
export class SortedRun {
  private readonly buffer = new BlockBuffer();

  private constructor(
    private readonly file: SpillFile,
    private readonly firstKeys: Float64Array,
    /** Entries in the run. */
    readonly count: number,
    private readonly bloom: BloomFilter,
  ) {}

  /** Writes a run of `count` entries, which `fill` passes to its `push` in order (key, then value). */
  static write(count: number, fill: (push: (key: number, value: number) => void) => void): SortedRun {
    const file = SpillFile.create();
    const firstKeys = new Float64Array(Math.ceil(count / BLOCK));
    const bloom = new BloomFilter(count);
    const block = new BlockBuffer();
    let filled = 0;
    let blocks = 0;
    const flush = () => {
      file.append(block.bytes);
      blocks++;
      filled = 0;
    };
    fill((key, value) => {
      if (filled === 0) firstKeys[blocks] = key;
      block.keys[filled] = key;
      block.values[filled] = value;
      bloom.add(key);
      if (++filled === BLOCK) flush();
    });
    if (filled > 0) flush();
    return new SortedRun(file, firstKeys, count, bloom);
  }

  /**
   * One run of the entries of two, `older` (whose values are all smaller) and `newer`, which are
   * closed: for equal keys the older run's entries come first, so values stay in order.
   */
  static merge(older: SortedRun, newer: SortedRun): SortedRun {
    const a = new RunCursor(older);
    const b = new RunCursor(newer);
    const merged = SortedRun.write(older.count + newer.count, (push) => {
      while (!a.done && !b.done) {
        const from = a.key <= b.key ? a : b;
        push(from.key, from.value);
        from.advance();
      }
      for (const rest of [a, b]) {
        for (; !rest.done; rest.advance()) push(rest.key, rest.value);
      }
    });
    older.close();
    newer.close();
    return merged;
  }

  /** Appends to `out` the values of `key`, in order, until `out` holds `limit`. */
  collect(key: number, limit: number, out: number[]): void {
    if (out.length >= limit || !this.bloom.mayHave(key)) return;
    // The first block starting at or after the key: its entries may begin in the block before.
    let lo = 0;
    let hi = this.firstKeys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.firstKeys[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    for (let block = Math.max(0, lo - 1); block < this.firstKeys.length; block++) {
      if (this.firstKeys[block]! > key) return;
      const n = this.readBlock(block, this.buffer);
      for (let i = 0; i < n; i++) {
        const k = this.buffer.keys[i]!;
        if (k > key) return;
        if (k === key) {
          out.push(this.buffer.values[i]!);
          if (out.length >= limit) return;
        }
      }
    }
  }

  /** Reads block `block` into `into`; returns how many entries it holds. */
  readBlock(block: number, into: BlockBuffer): number {
    this.file.read(into.bytes, BLOCK_BYTES, block * BLOCK_BYTES);
    return Math.min(BLOCK, this.count - block * BLOCK);
  }

  /** Frees the run's file. */
  close(): void {
    this.file.close();
  }
}

/** Reads a run's entries in order, a block at a time. */
class RunCursor {
  private readonly buffer = new BlockBuffer();
  private block = 0;
  private at = 0;
  private inBlock: number;
  private index = 0;

  constructor(private readonly run: SortedRun) {
    this.inBlock = run.count > 0 ? run.readBlock(0, this.buffer) : 0;
  }

  get done(): boolean {
    return this.index >= this.run.count;
  }

  get key(): number {
    return this.buffer.keys[this.at]!;
  }

  get value(): number {
    return this.buffer.values[this.at]!;
  }

  advance(): void {
    this.index++;
    if (++this.at < this.inBlock || this.done) return;
    this.inBlock = this.run.readBlock(++this.block, this.buffer);
    this.at = 0;
  }
}
