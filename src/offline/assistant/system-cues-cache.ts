import { type ReplyCues, systemCues } from "./reply-cues.js";

/** System prompts whose cues are kept: a few personas' conversations are in flight at a time. */
const KEPT_PROMPTS = 64;

/**
 * The cues of the last system prompts read, shared by the conversations of one run: a persona's
 * conversations run one after another with the same prompt, and reading its cues scans the whole
 * prompt. A pure function's cache (the cues are never changed by their users), bounded so a run's
 * memory does not grow with its personas: the prompt read longest ago leaves first.
 */
export class SystemCuesCache {
  private readonly byPrompt = new Map<string, ReplyCues>();

  /** `systemCues(system)`. */
  cuesOf(system: string): ReplyCues {
    const kept = this.byPrompt.get(system);
    if (kept !== undefined) return kept;
    const cues = systemCues(system);
    if (this.byPrompt.size >= KEPT_PROMPTS) this.byPrompt.delete(this.byPrompt.keys().next().value as string);
    this.byPrompt.set(system, cues);
    return cues;
  }
}
