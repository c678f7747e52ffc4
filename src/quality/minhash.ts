import { combine32, mix32 } from "./fast-hash.js";
import { wordHashes } from "./word-hashes.js";

/**
 * MinHash signatures of texts, compared by the Jaccard similarity of their shingle sets. A text's
 * shingles are its normalised word bigrams (a one-word text has the word as its single shingle), so
 * reordering, inserting or deleting a word changes a few shingles, and case, spacing and punctuation
 * none. Each of {@link PERMUTATIONS} hash functions keeps its minimum over the shingles; only the
 * lowest 8 bits of each minimum are stored (b-bit MinHash), 60 bytes per text.
 */

/** Hash functions per signature: {@link BANDS} × {@link ROWS}. */
export const PERMUTATIONS = 60;
/** LSH bands: two texts become candidates when all rows of one band agree. */
export const BANDS = 10;
/** Rows per band. With 10 × 6, a pair at Jaccard 0.85 is a candidate with p ≈ 0.99, at 0.5 with p ≈ 0.15. */
export const ROWS = 6;

const SEEDS = Uint32Array.from({ length: PERMUTATIONS }, (_, i) => mix32(0x9e3779b9 + i * 0x7f4a7c15));

/** The shingle hashes of a text (word bigrams), deduplicated. Empty for a text without words. */
export function shingleHashes(text: string): Uint32Array {
  return shinglesOf(wordHashes(text).high);
}

/** {@link shingleHashes} of a text's words given by their hashes (`WordHashes.high`). */
export function shinglesOf(words: Uint32Array): Uint32Array {
  if (words.length <= 1) return words.slice();
  const out = new Uint32Array(words.length - 1);
  let previous = words[0]!;
  for (let i = 1; i < words.length; i++) {
    const h = words[i]!;
    out[i - 1] = combine32(previous, h);
    previous = h;
  }
  // Repeated bigrams change no minimum: duplicates are harmless here, and cheaper than a set.
  return out;
}

/** The exact Jaccard similarity of two texts' shingle sets (1 for two texts without words). */
export function jaccard(a: string, b: string): number {
  const sa = new Set(shingleHashes(a));
  const sb = new Set(shingleHashes(b));
  if (sa.size === 0 && sb.size === 0) return 1;
  let shared = 0;
  for (const x of sa) if (sb.has(x)) shared++;
  return shared / (sa.size + sb.size - shared);
}

/** Writes the 8-bit signature of a shingle set into `out` (PERMUTATIONS bytes). */
export function signatureOf(shingles: Uint32Array, out: Uint8Array): void {
  for (let p = 0; p < PERMUTATIONS; p++) {
    const seed = SEEDS[p]!;
    let min = 0xffffffff;
    for (let i = 0; i < shingles.length; i++) {
      const h = mix32(shingles[i]! ^ seed);
      if (h < min) min = h;
    }
    out[p] = min & 0xff;
  }
}

/**
 * The Jaccard similarity estimated from two 8-bit signatures: unrelated minima agree in their low
 * 8 bits one time in 256, so `(agree - 1/256) / (1 - 1/256)`.
 */
export function estimateJaccard(a: Uint8Array, aAt: number, b: Uint8Array, bAt: number): number {
  let agree = 0;
  for (let p = 0; p < PERMUTATIONS; p++) if (a[aAt + p] === b[bAt + p]) agree++;
  const raw = agree / PERMUTATIONS;
  return Math.max(0, (raw - 1 / 256) / (1 - 1 / 256));
}
