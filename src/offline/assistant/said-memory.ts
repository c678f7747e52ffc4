/**
 * The sentences the assistant has already written in one conversation, so a phrase drawn from the
 * inventory is not said twice: built from the conversation's earlier assistant turns (a pure
 * function of the messages, so a reply never depends on a cache) and grown as a reply is composed.
 * Sentences are compared lower-cased, without list markers and bold, and only when they hold four
 * words or more ("Short version:" may come back; "Check the result before moving on." may not).
 */
export class SaidMemory {
  private readonly seen = new Set<string>();

  /** A memory holding every sentence of `texts`. */
  static of(texts: Iterable<string>): SaidMemory {
    const memory = new SaidMemory();
    for (const text of texts) memory.add(text);
    return memory;
  }

  /** True when any sentence of `text` was said before. */
  repeats(text: string): boolean {
    for (const key of sentenceKeys(text)) if (this.seen.has(key)) return true;
    return false;
  }

  /** Remembers every sentence of `text`. */
  add(text: string): void {
    for (const key of sentenceKeys(text)) this.seen.add(key);
  }
}

const MARKER = /^\s*(?:\d+[.)]|[-*•>]|- \[ \])\s*/;

function sentenceKeys(text: string): string[] {
  const keys: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(MARKER, "").replace(/\*\*/g, "").trim();
    if (line === "" || line.startsWith("|") || line.startsWith("```")) continue;
    for (const sentence of line.split(/(?<=[.!?:])\s+/)) {
      const key = sentence.toLowerCase().replace(/\s+/g, " ").trim();
      if (key.split(" ").length >= 4) keys.push(key);
    }
  }
  return keys;
}
