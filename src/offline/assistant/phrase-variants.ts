import { z } from "zod";
import { loadDataJson } from "../../util/data-json.js";

/**
 * Interchangeable phrases for the assistant's own wording, from data/offline/assistant-variants.json
 * ("so you can" / "so that you can", "the result" / "the outcome"): each such phrase of a template
 * becomes an alternation of its group, so the same template reads differently across a run without a
 * contributor spelling every variant out. Slots are placeholders in a template, so the user's words
 * never change.
 */

const Variants = z.object({
  fixed: z.array(z.string().min(1)),
  groups: z.array(z.array(z.string().min(1)).min(2)),
});

const { fixed: FIXED, groups: GROUPS } = loadDataJson(Variants, "offline", "assistant-variants.json");

// Each phrase (lower case) to its group; one expression matching any phrase, longest first, whole words.
const GROUP_OF: ReadonlyMap<string, readonly string[]> = new Map(
  GROUPS.flatMap((group) => group.map((phrase) => [phrase.toLowerCase(), group] as const)),
);
// The idioms are matched too (a longer match wins where one starts), and kept as they are.
const ANY = new RegExp(
  `\\b(?:${[...GROUP_OF.keys(), ...FIXED.map((p) => p.toLowerCase())]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("|")})\\b`,
  "gi",
);

/**
 * `template` with each listed phrase turned into an alternation of its group (`the result` →
 * `{the result|the outcome|what you get}`, capital first letters kept), for `expand` to draw from.
 * Run once per template when the pools load, so a reply pays nothing for it.
 */
export function withVariants(template: string): string {
  return template.replace(ANY, (found) => {
    const group = GROUP_OF.get(found.toLowerCase());
    if (group === undefined) return found;
    const first = found.charCodeAt(0);
    const capital = first >= 65 && first <= 90;
    return `{${group.map((p) => (capital ? p[0]!.toUpperCase() + p.slice(1) : p)).join("|")}}`;
  });
}
