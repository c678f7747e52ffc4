import { z } from "zod";
import { loadDataJson } from "../../util/data-json.js";

/**
 * Rewrites that restructure a request, from data/offline/style-rewrites.json: frames that put the
 * request sentence another way, background sentences that lengthen a request, and the words a very
 * short rewrite may leave out. Read once, when this module is first imported.
 */

/** One frame: a pattern over the request sentence and the ways to put it instead. */
export interface Frame {
  pattern: RegExp;
  lines: readonly string[];
  casual: readonly string[];
  formal: readonly string[];
  /** Compact frames for a very short target (none: the usual ones). */
  short: readonly string[];
  /**
   * Letters every match starts with, one per alternative ("what", "summari"), lower case: a sentence
   * that starts with none of them is not tried against the pattern. Undefined: always tried.
   */
  leads: readonly string[] | undefined;
}

// The literal start of a pattern: `^word…` or `^(?:one|two words|…)` / `^(one|…)`.
const LITERAL_START = /^\^(?:\((?:\?:)?([a-z' |]+)\)|([a-z]+))/;

/** The letters each alternative of the pattern's literal start begins with, if it has one. */
function leadsOf(pattern: string): string[] | undefined {
  const m = LITERAL_START.exec(pattern);
  if (m === null) return undefined;
  const alternatives = (m[1] ?? m[2] ?? "").split("|");
  const leads = alternatives.map((a) => /^[a-z]+/.exec(a)?.[0] ?? "");
  return leads.includes("") ? undefined : leads;
}

const lines = z.array(z.string().min(1)).min(1);
const StyleRewrites = z.object({
  frames: z.array(
    z.object({
      pattern: z.string().min(1),
      lines,
      casual: lines.optional(),
      formal: lines.optional(),
      short: lines.optional(),
    }),
  ),
  background: z.object({ tried: lines, goal: lines, use: lines, close: lines }),
  compress: z.object({
    hedges: lines,
    hedge_after: lines,
    qualifiers: lines,
    qualifier_not_before: lines,
    subordinators: lines,
  }),
});

const DATA = loadDataJson(StyleRewrites, "offline", "style-rewrites.json");

/** The frames, in the order they are tried (the first that matches is used). */
export const FRAMES: readonly Frame[] = DATA.frames.map((f) => ({
  pattern: new RegExp(f.pattern, "diu"),
  lines: f.lines,
  casual: f.casual ?? [],
  formal: f.formal ?? [],
  short: f.short ?? [],
  leads: leadsOf(f.pattern),
}));

/** Background sentences by purpose (none names what the request is about). */
export const BACKGROUND: Readonly<Record<"tried" | "goal" | "use" | "close", readonly string[]>> =
  DATA.background;

/** Word lists of the very short rewrite's compression (see style-compress.ts). */
export const COMPRESS: Readonly<
  Record<
    "hedges" | "hedge_after" | "qualifiers" | "qualifier_not_before" | "subordinators",
    readonly string[]
  >
> = DATA.compress;
