import { InternalError } from "../../errors.js";
import type { Edit } from "../edits.js";
import type { RuleResult } from "./rule.js";

/** A change planned against one text: replace `[start, end)` with `after` (start = end inserts). */
export interface Replacement {
  start: number;
  end: number;
  after: string;
}

/**
 * Applies non-overlapping replacements, all planned against the same text, and records them as edits
 * in left-to-right order, each positioned in the text as it is once the edits before it are applied.
 * Two insertions at one position keep their given order; a no-op replacement records nothing.
 */
export function applyReplacements(text: string, strategy: string, replacements: Replacement[]): RuleResult {
  if (replacements.length === 0) return { text, edits: [] };
  const sorted =
    replacements.length === 1
      ? replacements
      : replacements.slice().sort((a, b) => a.start - b.start || a.end - b.end);
  const edits: Edit[] = [];
  let out = "";
  let cursor = 0;
  for (const r of sorted) {
    if (r.start < cursor || r.end < r.start || r.end > text.length) {
      throw new InternalError(`rule "${strategy}" planned overlapping or out-of-range replacements`);
    }
    const before = text.slice(r.start, r.end);
    if (before === r.after) continue;
    out += text.slice(cursor, r.start);
    edits.push({ strategy, position: out.length, before, after: r.after });
    out += r.after;
    cursor = r.end;
  }
  if (edits.length === 0) return { text, edits };
  out += text.slice(cursor);
  return { text: out, edits };
}
