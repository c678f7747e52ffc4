import { type PlainReadings, plainReadings } from "../text/plain-readings.js";
import type { RequestAnalysis } from "../text/request-analysis.js";
import { readUserTextRespelled, respelledReading, type UserText } from "../text/user-text.js";
import type { WordRepairs } from "../text/word-repairs.js";
import { memoEntry } from "../util/memo-entry.js";

/**
 * The user messages of one conversation as read by the offline generators, each read once however
 * many of them read it: the assistant reads the message it answers with the typos repaired, the
 * simulated user reads the first message as written (what the conversation is about), and both want
 * its request analysis. A reading with repairs that changed nothing is the same object as the plain
 * one, so the analysis made for one serves the other. The plain readings and the analyses are the
 * conversation's `PlainReadings`, which the semantic distractor fills as it reads the clean messages.
 * Kept in the conversation's memo (see `memoEntry`); without one, every call reads afresh and the
 * results are the same.
 */
export class MessageReadings {
  private readonly respelledOf = new Map<string, UserText>();

  /** `shared`: where the plain readings and analyses are kept (the conversation's). */
  constructor(private readonly shared: PlainReadings = plainReadings(undefined)) {}

  /** `readUserText(message)`. */
  plain(message: string): UserText {
    return this.shared.plain(message);
  }

  /**
   * `readUserText(message, true)`; the plain reading comes with it. `repairs`: the run's word repairs
   * (see `respell`).
   */
  respelled(message: string, repairs?: WordRepairs): UserText {
    let text = this.respelledOf.get(message);
    if (text === undefined) {
      // The distractor read most messages before they were delivered (unchanged when no noise was
      // drawn): respelled from that reading, a message that needs no repair is that very reading,
      // and its request analysis is the one already made.
      const plain = this.shared.made(message);
      if (plain !== undefined) text = respelledReading(plain, repairs);
      else {
        const both = readUserTextRespelled(message, repairs);
        text = both.respelled;
        this.shared.offer(message, both.plain);
      }
      this.respelledOf.set(message, text);
    }
    return text;
  }

  /** `analyzeRequest(text)` of a reading made here. */
  analysis(text: UserText): RequestAnalysis {
    return this.shared.analysis(text);
  }
}

/** The conversation's {@link MessageReadings} (a fresh, unkept one without a memo). */
export function messageReadings(memo: Map<string, unknown> | undefined): MessageReadings {
  return memoEntry(memo, "offline:readings", () => new MessageReadings(plainReadings(memo)));
}
