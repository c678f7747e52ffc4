import { BoundedMemo } from "../util/bounded-memo.js";

/** Repairs kept per kind of position: a run's messages repeat a few thousand distinct slips. */
const KEPT_WORDS = 8192;

/**
 * The repairs of the words a run's speller could not read as typed (`respellWord`'s answers), shared
 * by the messages of one run: the noise layer makes the same slips of the same words over and over,
 * and trying a slip's repairs looks up dozens of candidate words. Bounded so a run's memory does not
 * grow with its messages.
 */
export class WordRepairs {
  private readonly opening = new BoundedMemo<string, string>(KEPT_WORDS);
  private readonly inside = new BoundedMemo<string, string>(KEPT_WORDS);
  // Two neighbours as typed ("cont rol", "could u") → the word they make, "" for none.
  private readonly joined = new BoundedMemo<string, string>(KEPT_WORDS);

  /** `repair(word, sentenceStart)`, computed once per word and position kind. */
  repaired(
    word: string,
    sentenceStart: boolean,
    repair: (word: string, sentenceStart: boolean) => string,
  ): string {
    return (sentenceStart ? this.opening : this.inside).get(word, (w) => repair(w, sentenceStart));
  }

  /**
   * `join(left, right)`, computed once per pair: the same two neighbours come back message after
   * message ("could u"), and most make no word.
   */
  rejoined(
    left: string,
    right: string,
    join: (left: string, right: string) => string | undefined,
  ): string | undefined {
    const word = this.joined.get(`${left} ${right}`, () => join(left, right) ?? "");
    return word === "" ? undefined : word;
  }
}
