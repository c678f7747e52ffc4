import { ExactTable } from "./exact-table.js";
import { BANDS, estimateJaccard, PERMUTATIONS, ROWS, shinglesOf, signatureOf } from "./minhash.js";
import { RecordFile } from "./record-file.js";
import { SpillingMultimap } from "./spilling-multimap.js";
import { wordHashes } from "./word-hashes.js";

/** The default near-duplicate threshold: estimated Jaccard similarity of the word-bigram shingles. */
export const DEFAULT_NEAR_THRESHOLD = 0.8;

/** How many earlier texts sharing one band are checked at most (bounds the work per text). */
const CANDIDATES_PER_BAND = 8;

/** A kept text's record: its signature, then its text number (32 bits). */
const RECORD_BYTES = PERMUTATIONS + 4;

/** What a text is with respect to the texts added before it. */
export type DuplicateVerdict =
  | { kind: "unique" }
  /** Same normalised text as text number `of` (0-based, in the order added): the first such text. */
  | { kind: "exact"; of: number }
  /** Estimated Jaccard similarity ≥ the threshold with text number `of`. */
  | { kind: "near"; of: number; similarity: number };

/**
 * Finds exact and near duplicates in a stream of texts, in one pass and bounded memory.
 *
 * - Exact: equal normalised text (case, spacing and punctuation ignored), by a 52-bit hash.
 * - Near: MinHash (see minhash.ts) with LSH banding: a text is compared only with the first
 *   {@link CANDIDATES_PER_BAND} earlier kept texts that agree on all rows of some band, and is a near
 *   duplicate when the estimated Jaccard similarity reaches the threshold.
 *
 * Which copy is kept is defined by order: the first text is kept, a later one is the duplicate.
 * Only kept texts enter the near-duplicate index, so a near duplicate always refers to a kept text
 * (no chains); an exact duplicate refers to the first text with its normalised text.
 *
 * Memory: the newest entries are in memory; past a bound per table (~13,000 kept texts for the
 * band table, `inMemory` entries when given) the band and exact tables go to temporary files as
 * sorted runs (SpillingMultimap) and the signatures to a record file (RecordFile), which leaves
 * about 11 bytes of memory per kept text (Bloom filters, block indexes) and ~4 MB of buffers. The
 * results do not depend on where the entries are.
 */
export class DuplicateIndex {
  private readonly threshold: number;
  private added = 0;
  private readonly exact: ExactTable;
  /** Kept texts with words, by kept ordinal: signature and text number. */
  private readonly kept: RecordFile;
  /** Band key (see bandKey) → kept ordinals with that band, in order. */
  private readonly bands: SpillingMultimap;
  private readonly scratch = new Uint8Array(RECORD_BYTES);
  private readonly scratchView = new DataView(this.scratch.buffer);
  private readonly candidate = new Uint8Array(RECORD_BYTES);
  private readonly candidateView = new DataView(this.candidate.buffer);
  private readonly found: number[] = [];

  constructor(options: { threshold?: number; inMemory?: number } = {}) {
    this.threshold = options.threshold ?? DEFAULT_NEAR_THRESHOLD;
    const inMemory = options.inMemory === undefined ? {} : { inMemory: options.inMemory };
    this.exact = new ExactTable(inMemory);
    this.bands = new SpillingMultimap(inMemory);
    this.kept = new RecordFile(RECORD_BYTES, inMemory);
  }

  /** Texts added so far. */
  get size(): number {
    return this.added;
  }

  /** Adds the next text (number `size`) and says whether it duplicates an earlier kept one. */
  add(text: string): DuplicateVerdict {
    const doc = this.added++;
    const words = wordHashes(text);
    const first = this.exact.firstOf(words.joined, doc);
    if (first !== undefined) return { kind: "exact", of: first };

    const shingles = shinglesOf(words.high);
    if (shingles.length === 0) return { kind: "unique" };
    signatureOf(shingles, this.scratch);
    const near = this.nearest();
    if (near) return near;
    this.keep(doc);
    return { kind: "unique" };
  }

  /** Frees the temporary files now (they are freed anyway when the index is collected). */
  close(): void {
    this.exact.close();
    this.bands.close();
    this.kept.close();
  }

  /** The earliest kept text whose estimated similarity to the scratch signature reaches the threshold. */
  private nearest(): DuplicateVerdict | undefined {
    let best: { ordinal: number; similarity: number; doc: number } | undefined;
    for (let band = 0; band < BANDS; band++) {
      for (const ordinal of this.bands.valuesOf(
        bandKey(this.scratch, band),
        CANDIDATES_PER_BAND,
        this.found,
      )) {
        if (best && ordinal >= best.ordinal) continue;
        this.kept.read(ordinal, this.candidate);
        const similarity = estimateJaccard(this.scratch, 0, this.candidate, 0);
        if (similarity >= this.threshold) {
          best = { ordinal, similarity, doc: this.candidateView.getUint32(PERMUTATIONS, true) };
        }
      }
    }
    return best && { kind: "near", of: best.doc, similarity: best.similarity };
  }

  private keep(doc: number): void {
    const ordinal = this.kept.size;
    this.scratchView.setUint32(PERMUTATIONS, doc, true);
    this.kept.append(this.scratch);
    for (let band = 0; band < BANDS; band++) this.bands.add(bandKey(this.scratch, band), ordinal);
  }
}

/** A band's {@link ROWS} signature bytes as one number, below the band's: `band · 2^48 + bytes`. */
function bandKey(signature: Uint8Array, band: number): number {
  let key = band;
  for (let r = 0; r < ROWS; r++) key = key * 256 + signature[band * ROWS + r]!;
  return key;
}
