import { computedOnce } from "../util/computed-once.js";
import { memoEntry } from "../util/memo-entry.js";
import { analyzeRequest, type RequestAnalysis } from "./request-analysis.js";
import { readUserText, type UserText } from "./user-text.js";

/**
 * The plain readings of one conversation's user messages (`readUserText`, as written) and the request
 * analyses of readings, each made once for every reader: the semantic distractor reads a clean
 * message before it noises it, and the simulated user reads the same clean first message to name
 * what the conversation is about. Kept in the conversation's memo (see {@link plainReadings});
 * everything it hands out is read-only, so a result never depends on who read first.
 */
export class PlainReadings {
  private readonly plainOf = new Map<string, UserText>();
  private readonly analysisOf = new Map<UserText, RequestAnalysis>();

  /** `readUserText(message)`. */
  plain(message: string): UserText {
    return computedOnce(this.plainOf, message, (m) => readUserText(m));
  }

  /** The plain reading of `message` when a reader made it already, else undefined. */
  made(message: string): UserText | undefined {
    return this.plainOf.get(message);
  }

  /** Keeps `reading` as the plain reading of `message` unless there is one (a reader made it already). */
  offer(message: string, reading: UserText): void {
    if (!this.plainOf.has(message)) this.plainOf.set(message, reading);
  }

  /** `analyzeRequest(text)`. */
  analysis(text: UserText): RequestAnalysis {
    return computedOnce(this.analysisOf, text, analyzeRequest);
  }
}

const MEMO_KEY = "text:plain-readings";

/** The conversation's {@link PlainReadings} (a fresh, unkept one without a memo). */
export function plainReadings(memo: Map<string, unknown> | undefined): PlainReadings {
  return memoEntry(memo, MEMO_KEY, () => new PlainReadings());
}
