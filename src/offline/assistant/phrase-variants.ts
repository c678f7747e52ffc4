import { z } from "zod";
import type { Rng } from "../../rng/random.js";
import { loadDataJson } from "../../util/data-json.js";

/**
 * Interchangeable phrases for the assistant's own wording, from data/offline/assistant-variants.json
 * ("so you can" / "so that you can", "the result" / "the outcome"): one pass over a template after
 * its alternations are drawn redraws each such phrase from its group, so the same template reads
 * differently across a run without a contributor spelling every variant out. Slots are still
 * placeholders at that point, so the user's words never change.
 */

const Variants = z.object({
  groups: z.array(z.array(z.string().min(1)).min(2)),
});

const GROUPS = loadDataJson(Variants, "offline", "assistant-variants.json").groups;

// Each phrase (lower case) to its group; one expression matching any phrase, longest first, whole words.
const GROUP_OF: ReadonlyMap<string, readonly string[]> = new Map(
  GROUPS.flatMap((group) => group.map((phrase) => [phrase.toLowerCase(), group] as const)),
);
const ANY = new RegExp(
  `\\b(?:${[...GROUP_OF.keys()]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("|")})\\b`,
  "gi",
);

/** `text` with each listed phrase redrawn from its group, keeping a capital first letter. */
export function vary(text: string, rng: Rng): string {
  return text.replace(ANY, (found) => {
    const group = GROUP_OF.get(found.toLowerCase());
    if (group === undefined) return found;
    const drawn = group[rng.int(group.length)] as string;
    const first = found.charCodeAt(0);
    return first >= 65 && first <= 90 ? drawn[0]!.toUpperCase() + drawn.slice(1) : drawn;
  });
}
