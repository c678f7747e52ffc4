import { CLOSINGS, GIVE_UPS, MOVE_LINES, SPECIFIC_CLOSINGS } from "./user-lines.js";
import { spellOutTextSpeak } from "./user-voice.js";

/**
 * What a draft needs to know of each line of the simulated user's pools, worked out once when the
 * pools load: a turn checks every line of a pool (and every pool, to weigh the moves) against the
 * slots it has and the messages sent before.
 */

/** Lower case, text-speak spelled out, apostrophes and contractions folded. */
export function plainForm(text: string): string {
  return spellOutTextSpeak(text.toLowerCase())
    .replace(/n['’]t\b/g, " not")
    .replace(/[’']/g, "")
    .replace(/\b(?:im|ive|id|ill)\b/g, (w) => `i ${w.slice(1)}`);
}

/** The template's longest wording between slots, in {@link plainForm}. */
function fixedWording(template: string): string {
  let longest = "";
  for (const piece of plainForm(template).split(/\{[a-z]\}/))
    if (piece.trim().length > longest.length) longest = piece.trim();
  return longest;
}

/** The slots a template fills (`{N}`, `{T}`, …) as bits by capital letter, or -1 for another key. */
function neededSlots(template: string): number {
  let bits = 0;
  for (let i = template.indexOf("{"); i >= 0; i = template.indexOf("{", i + 1)) {
    if (template[i + 2] !== "}") continue;
    const c = template.charCodeAt(i + 1);
    if (c < 65 || c > 90) return -1;
    bits |= 1 << (c - 65);
  }
  return bits;
}

/** What a draft needs to know of one line of a pool. */
export interface LineFacts {
  /** The line itself. */
  template: string;
  /** Its longest wording between slots, in {@link plainForm} (what a repeat of it would hold). */
  fixedWording: string;
  /** Its slots as bits by capital letter, or -1 when it has a slot of another key. */
  needs: number;
  /** It names what the conversation is about (`{T}`). */
  grounded: boolean;
  /** It points at something in the reply (`{I}`, `{J}`, `{K}`). */
  pointed: boolean;
}

function lineFacts(template: string): LineFacts {
  return {
    template,
    fixedWording: fixedWording(template),
    needs: neededSlots(template),
    grounded: template.includes("{T}"),
    pointed: /\{[IJK]\}/.test(template),
  };
}

const POOLS: ReadonlyMap<readonly string[], readonly LineFacts[]> = new Map(
  [
    ...Object.values(MOVE_LINES).flatMap((pools) => Object.values(pools)),
    ...[CLOSINGS, SPECIFIC_CLOSINGS, GIVE_UPS].flatMap((pools) => Object.values(pools)),
  ].map((pool) => [pool, pool.map(lineFacts)] as const),
);

/** The facts of each line of a pool, in the pool's order (worked out once for the loaded pools). */
export function poolFacts(pool: readonly string[]): readonly LineFacts[] {
  return POOLS.get(pool) ?? pool.map(lineFacts);
}

/** The slots given a value, as bits by capital letter (see {@link usable}). */
export function slotBits(slots: Readonly<Record<string, string>>): number {
  let bits = 0;
  for (const key in slots) {
    const c = key.charCodeAt(0);
    if (key.length === 1 && c >= 65 && c <= 90 && slots[key] !== undefined) bits |= 1 << (c - 65);
  }
  return bits;
}

/** True when every slot of the line has a value; `have` is {@link slotBits} of `slots`. */
export function usable(line: LineFacts, have: number, slots: Readonly<Record<string, string>>): boolean {
  if (line.needs >= 0) return (line.needs & ~have) === 0;
  const template = line.template;
  for (let i = template.indexOf("{"); i >= 0; i = template.indexOf("{", i + 1)) {
    const key = template[i + 1];
    if (key !== undefined && template[i + 2] === "}" && slots[key] === undefined) return false;
  }
  return true;
}
