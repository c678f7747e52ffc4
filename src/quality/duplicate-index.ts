import { ExactTable } from "./exact-table.js";
import { hash52 } from "./fast-hash.js";
import {
  BANDS,
  bandHash,
  estimateJaccard,
  PERMUTATIONS,
  ROWS,
  shinglesOfWords,
  signatureOf,
} from "./minhash.js";
import { wordsOf } from "./text-units.js";

/** The default near-duplicate threshold: estimated Jaccard similarity of the word-bigram shingles. */
export const DEFAULT_NEAR_THRESHOLD = 0.8;

/** Kept texts per signature chunk (a power of two): 16,384 texts, about 1 MB. */
const CHUNK_BITS = 14;
const CHUNK = 1 << CHUNK_BITS;

/** How many earlier texts sharing one band are checked at most (bounds the work per text). */
const CANDIDATES_PER_BAND = 8;

/** What a text is with respect to the texts added before it. */
export type DuplicateVerdict =
  | { kind: "unique" }
  /** Same normalised text as text number `of` (0-based, in the order added): the first such text. */
  | { kind: "exact"; of: number }
  /** Estimated Jaccard similarity ≥ the threshold with text number `of`. */
  | { kind: "near"; of: number; similarity: number };

/**
 * Finds exact and near duplicates in a stream of texts, in one pass and a few bytes per text.
 *
 * - Exact: equal normalised text (case, spacing and punctuation ignored), by a 52-bit hash.
 * - Near: MinHash (see minhash.ts) with LSH banding: a text is compared only with earlier texts that
 *   agree on all rows of some band, and is a near duplicate when the estimated Jaccard similarity
 *   reaches the threshold.
 *
 * Which copy is kept is defined by order: the first text is kept, a later one is the duplicate.
 * Only kept texts enter the near-duplicate index, so a near duplicate always refers to a kept text
 * (no chains); an exact duplicate refers to the first text with its normalised text. Memory per kept text: 60 signature bytes, one slot per band (10 × 4 bytes at most
 * twice over) and one exact-table slot (12 bytes at most twice over), about 200 bytes.
 */
export class DuplicateIndex {
  private readonly threshold: number;
  private added = 0;
  private readonly exact = new ExactTable();
  // Kept texts with words: signature bytes (in chunks of CHUNK texts: no copy and no spare half when
  // they grow, 60 MB a million texts) and their text numbers, by kept ordinal.
  private readonly signatures: Uint8Array[] = [];
  private keptDocs = new Int32Array(1024);
  private kept = 0;
  // Per band: open addressing on the band hash → kept ordinal + 1 (0 = empty).
  private readonly bands: Int32Array[] = Array.from({ length: BANDS }, () => new Int32Array(2048));
  private readonly scratch = new Uint8Array(PERMUTATIONS);

  constructor(options: { threshold?: number } = {}) {
    this.threshold = options.threshold ?? DEFAULT_NEAR_THRESHOLD;
  }

  /** Texts added so far. */
  get size(): number {
    return this.added;
  }

  /** Adds the next text (number `size`) and says whether it duplicates an earlier kept one. */
  add(text: string): DuplicateVerdict {
    const doc = this.added++;
    const words = wordsOf(text);
    const first = this.exact.firstOf(hash52(words.join(" ")), doc);
    if (first !== undefined) return { kind: "exact", of: first };

    const shingles = shinglesOfWords(words);
    if (shingles.length === 0) return { kind: "unique" };
    signatureOf(shingles, this.scratch);
    const near = this.nearest();
    if (near) return near;
    this.keep(doc);
    return { kind: "unique" };
  }

  /** The earliest kept text whose estimated similarity to the scratch signature reaches the threshold. */
  private nearest(): DuplicateVerdict | undefined {
    let best: { ordinal: number; similarity: number } | undefined;
    for (let band = 0; band < BANDS; band++) {
      const table = this.bands[band]!;
      const mask = table.length - 1;
      let slot = bandHash(this.scratch, 0, band) & mask;
      let seen = 0;
      for (; table[slot] !== 0 && seen < CANDIDATES_PER_BAND; slot = (slot + 1) & mask) {
        const ordinal = table[slot]! - 1;
        if (!this.sameBand(ordinal, band)) continue;
        seen++;
        if (best && ordinal >= best.ordinal) continue;
        const similarity = estimateJaccard(this.scratch, 0, this.chunkOf(ordinal), offsetOf(ordinal));
        if (similarity >= this.threshold) best = { ordinal, similarity };
      }
    }
    return best && { kind: "near", of: this.keptDocs[best.ordinal]!, similarity: best.similarity };
  }

  private sameBand(ordinal: number, band: number): boolean {
    const chunk = this.chunkOf(ordinal);
    const at = offsetOf(ordinal) + band * ROWS;
    for (let r = 0; r < ROWS; r++) if (chunk[at + r] !== this.scratch[band * ROWS + r]) return false;
    return true;
  }

  private chunkOf(ordinal: number): Uint8Array {
    return this.signatures[ordinal >>> CHUNK_BITS]!;
  }

  private keep(doc: number): void {
    const ordinal = this.kept++;
    if (ordinal === this.keptDocs.length) this.keptDocs = grow(this.keptDocs, this.keptDocs.length * 2);
    if (offsetOf(ordinal) === 0) this.signatures.push(new Uint8Array(CHUNK * PERMUTATIONS));
    this.keptDocs[ordinal] = doc;
    this.chunkOf(ordinal).set(this.scratch, offsetOf(ordinal));
    if (this.kept * 2 > this.bands[0]!.length) {
      // One band at a time: each old table can go before the next new one is made (ten at once
      // held both sizes of every band, 126 MB at a million texts).
      const capacity = this.bands[0]!.length * 2;
      for (let band = 0; band < BANDS; band++) this.bands[band] = this.rebuildBand(band, capacity);
    } else {
      for (let band = 0; band < BANDS; band++) this.insertBand(this.bands[band]!, band, ordinal);
    }
  }

  private rebuildBand(band: number, capacity: number): Int32Array {
    const table = new Int32Array(capacity);
    for (let ordinal = 0; ordinal < this.kept; ordinal++) this.insertBand(table, band, ordinal);
    return table;
  }

  private insertBand(table: Int32Array, band: number, ordinal: number): void {
    const mask = table.length - 1;
    let slot = bandHash(this.chunkOf(ordinal), offsetOf(ordinal), band) & mask;
    while (table[slot] !== 0) slot = (slot + 1) & mask;
    table[slot] = ordinal + 1;
  }
}

/** Where a kept text's signature starts in its chunk. */
function offsetOf(ordinal: number): number {
  return (ordinal & (CHUNK - 1)) * PERMUTATIONS;
}

function grow(array: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(length);
  out.set(array);
  return out;
}
