/**
 * Non-cryptographic hashes for counting and near-duplicate detection, where SHA-256 per word would
 * cost more than everything else together. Stable across runs, machines and Node versions.
 */

/** A 32-bit hash of a string's UTF-16 code units (FNV-1a with `seed`, then a murmur3 finaliser). */
export function hash32(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** The murmur3 finaliser: spreads every input bit over the whole word. */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Two 32-bit hashes combined into one (order matters). */
export function combine32(a: number, b: number): number {
  return mix32(Math.imul(a, 0x9e3779b1) ^ b);
}

/**
 * A 52-bit hash (exact in a double) of a string: for sets of hashes where a collision would
 * merge two distinct entries (about one in 10^9 at a million entries).
 */
export function hash52(text: string): number {
  return (hash32(text, 0x2545f491) & 0xfffff) * 2 ** 32 + hash32(text, 0x9e3779b9);
}
