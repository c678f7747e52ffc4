import { createHash } from "node:crypto";

/** Why a query was not admitted: its text, or its id, was loaded before. */
export type SeenBefore = "text" | "id";

/**
 * What has been loaded so far, to skip duplicate texts and ids (the first occurrence wins). Keys are
 * 64-bit digests kept in open-addressing tables of typed arrays (about 16 bytes per key, no per-entry
 * objects), because this is the one thing that grows while a multi-gigabyte dataset streams through.
 * Share one instance between datasets to skip duplicates across them.
 */
export class SeenQueries {
  readonly #texts = new DigestSet();
  readonly #rowIds = new DigestSet();
  readonly #hashIds = new DigestSet();

  /**
   * Records a query given the SHA-1 digest of its text and its id, unless its text or its id was
   * recorded before: then it says which, and records nothing.
   */
  admit(textSha1: Buffer, queryId: string): SeenBefore | undefined {
    const text = textSha1;
    const textHi = text.readUInt32BE(0);
    const textLo = text.readUInt32BE(4);
    if (this.#texts.has(textHi, textLo)) return "text";
    // A `hash:` id is the first 48 bits of the text's digest, so a different text can share it (rarely).
    const hashed = queryId.startsWith("hash:");
    const ids = hashed ? this.#hashIds : this.#rowIds;
    const id = hashed ? text : createHash("sha1").update(queryId).digest();
    const idHi = id.readUInt32BE(0);
    const idLo = hashed ? id.readUInt16BE(4) : id.readUInt32BE(4);
    if (ids.has(idHi, idLo)) return "id";
    this.#texts.add(textHi, textLo);
    ids.add(idHi, idLo);
    return undefined;
  }

  /** How many queries were recorded. */
  get size(): number {
    return this.#texts.size;
  }
}

/** A set of 64-bit keys (two 32-bit words) with linear probing; the all-zero key is stored as (0, 1). */
class DigestSet {
  #hi = new Uint32Array(1024);
  #lo = new Uint32Array(1024);
  size = 0;

  has(hi: number, lo: number): boolean {
    const low = hi === 0 && lo === 0 ? 1 : lo;
    const slot = this.#slot(hi, low);
    return this.#hi[slot] === hi && this.#lo[slot] === low;
  }

  add(hi: number, lo: number): void {
    const low = hi === 0 && lo === 0 ? 1 : lo;
    const slot = this.#slot(hi, low);
    if (this.#hi[slot] === hi && this.#lo[slot] === low) return;
    this.#hi[slot] = hi;
    this.#lo[slot] = low;
    this.size++;
    if (this.size * 2 > this.#hi.length) this.#grow();
  }

  /** The slot holding this key, or the empty slot where it would go. */
  #slot(hi: number, lo: number): number {
    const mask = this.#hi.length - 1;
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
    for (;;) {
      const h = this.#hi[i];
      const l = this.#lo[i];
      if ((h === hi && l === lo) || (h === 0 && l === 0)) return i;
      i = (i + 1) & mask;
    }
  }

  #grow(): void {
    const hi = this.#hi;
    const lo = this.#lo;
    this.#hi = new Uint32Array(hi.length * 2);
    this.#lo = new Uint32Array(lo.length * 2);
    for (let i = 0; i < hi.length; i++) {
      const h = hi[i]!;
      const l = lo[i]!;
      if (h !== 0 || l !== 0) {
        const slot = this.#slot(h, l);
        this.#hi[slot] = h;
        this.#lo[slot] = l;
      }
    }
  }
}
