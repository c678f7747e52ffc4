import { computedOnce } from "../util/computed-once.js";

/** Repairs kept per kind of position: a run's messages repeat a few thousand distinct slips. */
const KEPT_WORDS = 8192;

/**
 * The repairs of the words a run's speller could not read as typed (`respellWord`'s answers), shared
 * by the messages of one run: the noise layer makes the same slips of the same words over and over,
 * and trying a slip's repairs looks up dozens of candidate words. A pure function's cache, bounded so
 * a run's memory does not grow with its messages (a full table is emptied and fills again).
 */
export class WordRepairs {
  private readonly opening = new Map<string, string>();
  private readonly inside = new Map<string, string>();

  /** `repair(word, sentenceStart)`, computed once per word and position kind. */
  repaired(
    word: string,
    sentenceStart: boolean,
    repair: (word: string, sentenceStart: boolean) => string,
  ): string {
    const kept = sentenceStart ? this.opening : this.inside;
    if (kept.size >= KEPT_WORDS && !kept.has(word)) kept.clear();
    return computedOnce(kept, word, (w) => repair(w, sentenceStart));
  }
}
