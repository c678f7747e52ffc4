/**
 * A fixed set of lower-case words asked about pieces of a text in place: "are the letters
 * `text[start, end)`, lower-cased, one of the words?" without cutting the piece out and lower-casing
 * it. The speller asks this of every word of every message it reads (text/spelling.ts), and the
 * slice, the lower-cased copy and the hashing of both by a `Map` were most of its cost.
 */
export class WordSpanSet {
  private readonly words: string[] = [];
  // Open addressing: the index of a word + 1 (0: empty), at the FNV-1a hash of its characters.
  private readonly slots: Int32Array;
  private readonly mask: number;

  /** The set of `words` (lower case; a word with a character other than a-z is never found). */
  constructor(words: Iterable<string>) {
    const list = [...words];
    let size = 16;
    while (size < list.length * 3) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (const w of list) {
      let h = FNV_OFFSET;
      for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), FNV_PRIME);
      let at = h & this.mask;
      while (this.slots[at] !== 0) at = (at + 1) & this.mask;
      this.words.push(w);
      this.slots[at] = this.words.length;
    }
  }

  /** True when `text[start, end)`, ASCII letters only, lower-cased, is one of the words. */
  hasLetters(text: string, start: number, end: number): boolean {
    let h = FNV_OFFSET;
    // An ASCII letter with bit 5 set is its lower-case form.
    for (let i = start; i < end; i++) h = Math.imul(h ^ (text.charCodeAt(i) | 32), FNV_PRIME);
    const len = end - start;
    const { slots, words, mask } = this;
    for (let at = h & mask; slots[at] !== 0; at = (at + 1) & mask) {
      const w = words[(slots[at] as number) - 1] as string;
      if (w.length !== len) continue;
      let k = 0;
      while (k < len && (text.charCodeAt(start + k) | 32) === w.charCodeAt(k)) k++;
      if (k === len) return true;
    }
    return false;
  }
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
