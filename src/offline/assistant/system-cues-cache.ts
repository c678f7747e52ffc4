import { BoundedMemo } from "../../util/bounded-memo.js";
import { type ReplyCues, systemCues } from "./reply-cues.js";

/** System prompts whose cues are kept: a few personas' conversations are in flight at a time. */
const KEPT_PROMPTS = 64;

/**
 * The cues of the last system prompts read, shared by the conversations of one run: a persona's
 * conversations run one after another with the same prompt, and reading its cues scans the whole
 * prompt. The cues are never changed by their users; bounded so a run's memory does not grow with
 * its personas.
 */
export class SystemCuesCache {
  private readonly byPrompt = new BoundedMemo<string, ReplyCues>(KEPT_PROMPTS);

  /** `systemCues(system)`. */
  cuesOf(system: string): ReplyCues {
    return this.byPrompt.get(system, systemCues);
  }
}
