import { HashSet } from "../../util/hash-set.js";

/**
 * The sentences the assistant has already written in one conversation, so a phrase drawn from the
 * inventory is not said twice: built from the conversation's earlier assistant turns (a pure
 * function of the messages, so a reply never depends on a cache) and grown as a reply is composed.
 * Sentences are compared lower-cased, without list markers and bold, and only when they hold four
 * words or more ("Short version:" may come back; "Check the result before moving on." may not).
 */
export class SaidMemory {
  private constructor(
    // Sentences by hash (FNV-1a of the lower-cased text): a collision only makes a phrase be drawn
    // again. `heard` holds the earlier turns' (`texts`), `own` what this reply has said so far.
    private readonly heard: HashSet,
    private readonly texts: string[],
    private readonly own: HashSet,
  ) {}

  /**
   * A memory of `texts` (the conversation's earlier assistant turns) with nothing said yet by this
   * reply. `base`, the memory of the previous turn (kept in the conversation's memo), is grown in place
   * by the new turns when it was built from a prefix of `texts`, else a memory is built afresh: either
   * way it holds exactly the sentences of `texts`.
   */
  static of(texts: readonly string[], base?: SaidMemory): SaidMemory {
    const memory = base?.isPrefixOf(texts) === true ? base : new SaidMemory(new HashSet(), [], new HashSet());
    memory.own.clear();
    for (let i = memory.texts.length; i < texts.length; i++) {
      const text = texts[i] as string;
      memory.texts.push(text);
      for (const key of sentenceKeys(text)) memory.heard.add(key);
    }
    return memory;
  }

  /** True when any sentence of `text` was said before. */
  repeats(text: string): boolean {
    for (const key of sentenceKeys(text)) if (this.own.has(key) || this.heard.has(key)) return true;
    return false;
  }

  /** Remembers every sentence of `text` as said by this reply. */
  add(text: string): void {
    for (const key of sentenceKeys(text)) this.own.add(key);
  }

  /** Remembers the sentences of `text` and returns true, unless one was said before: then false. */
  addIfNew(text: string): boolean {
    const keys = sentenceKeys(text);
    for (const key of keys) if (this.own.has(key) || this.heard.has(key)) return false;
    for (const key of keys) this.own.add(key);
    return true;
  }

  private isPrefixOf(texts: readonly string[]): boolean {
    if (this.texts.length > texts.length) return false;
    for (let i = 0; i < this.texts.length; i++) if (this.texts[i] !== texts[i]) return false;
    return true;
  }
}

/**
 * The hashes of a text's sentences of four words or more: per line, the list marker and bold left out
 * and the rest lower-cased, a sentence ending at a space after . ! ? or :. Table rows and code fences
 * hold none. One pass over the characters, no strings made.
 */
function sentenceKeys(text: string): number[] {
  const keys: number[] = [];
  const n = text.length;
  let at = 0;
  while (at < n) {
    let end = text.indexOf("\n", at);
    if (end < 0) end = n;
    const from = markerEnd(text, at, end);
    if (from < end && text.charCodeAt(from) !== 124 && !text.startsWith("```", from)) {
      let hash = FNV_OFFSET;
      let words = 1;
      let last = 0;
      for (let i = from; i < end; i++) {
        let c = text.charCodeAt(i);
        if (c === 42) continue; // bold
        if (c === 32 && (last === 46 || last === 33 || last === 63 || last === 58)) {
          if (words >= 4) keys.push(hash >>> 0);
          hash = FNV_OFFSET;
          words = 1;
          last = 0;
          continue;
        }
        if (c === 32) words++;
        else if (c >= 65 && c <= 90) c += 32;
        hash = Math.imul(hash ^ c, FNV_PRIME);
        last = c;
      }
      if (words >= 4) keys.push(hash >>> 0);
    }
    at = end + 1;
  }
  return keys;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Where a line's text starts after its indent and list marker ("- ", "2. ", "- [ ] ", "> "). */
function markerEnd(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && text.charCodeAt(i) === 32) i++;
  const c = text.charCodeAt(i);
  if (c === 45 || c === 0x2022 || c === 62 || (c === 42 && text.charCodeAt(i + 1) === 32)) {
    i++;
    if (text.startsWith(" [ ]", i)) i += 4;
  } else if (c >= 48 && c <= 57) {
    let j = i + 1;
    while (j < end && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    if (text.charCodeAt(j) === 46 || text.charCodeAt(j) === 41) i = j + 1;
  }
  while (i < end && text.charCodeAt(i) === 32) i++;
  return i;
}
