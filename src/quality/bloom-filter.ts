import { combine32, mix32 } from "./fast-hash.js";

/**
 * Bits per entry and probes: a key never added passes ~2.5% of the time (measured; 10 bits would
 * make it ~1.1% for 25% more memory, and a false pass only costs the read of one block).
 */
const BITS_PER_ENTRY = 8;
const PROBES = 5;
/** Words per block: a key's probes all fall in one 512-bit block (one cache line or two). */
const BLOCK_WORDS = 16;

/**
 * A blocked Bloom filter of integer keys below 2^53 (such as 52-bit hashes), sized for a known
 * number of entries: says "maybe" for every key added and for about 1% of the others, so a lookup
 * reads the disk only when it may find something.
 */
export class BloomFilter {
  private readonly words: Uint32Array;
  private readonly blocks: number;

  constructor(entries: number) {
    this.blocks = Math.max(1, Math.ceil((entries * BITS_PER_ENTRY) / (BLOCK_WORDS * 32)));
    this.words = new Uint32Array(this.blocks * BLOCK_WORDS);
  }

  add(key: number): void {
    const base = this.blockOf(key);
    let probe = secondHash(key);
    const step = mix32(probe) | 1;
    for (let i = 0; i < PROBES; i++, probe = (probe + step) | 0) {
      this.words[base + ((probe >>> 5) & (BLOCK_WORDS - 1))]! |= 1 << (probe & 31);
    }
  }

  /** False only for a key never added. */
  mayHave(key: number): boolean {
    const base = this.blockOf(key);
    let probe = secondHash(key);
    const step = mix32(probe) | 1;
    for (let i = 0; i < PROBES; i++, probe = (probe + step) | 0) {
      if ((this.words[base + ((probe >>> 5) & (BLOCK_WORDS - 1))]! & (1 << (probe & 31))) === 0) return false;
    }
    return true;
  }

  private blockOf(key: number): number {
    return (combine32(Math.floor(key / 4294967296), key >>> 0) % this.blocks) * BLOCK_WORDS;
  }
}

/** A second hash of the key, independent of the block's. */
function secondHash(key: number): number {
  return combine32(key >>> 0, Math.floor(key / 4294967296) ^ 0x5bd1e995);
}
