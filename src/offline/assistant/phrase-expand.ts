import type { Rng } from "../../rng/random.js";

/**
 * Alternations inside a phrase template: `{Start|Begin} with {S}` reads "Start with …" or
 * "Begin with …", one option drawn per alternation. An option may be empty (`{really |}`) and may
 * hold slots (`{for {S}|here}`); an option whose slots have no value is never drawn, and an
 * alternation none of whose options can be drawn reads as nothing. Slots themselves (`{T}`: one
 * letter in braces) are left for `fill`. One template so reads dozens of ways, which is what keeps
 * the offline assistant's sentences from repeating across a run.
 */

/** True when the `{` at `at` opens a slot (`{T}`), not an alternation. */
function isSlot(template: string, at: number): boolean {
  const key = template.charCodeAt(at + 1);
  return template[at + 2] === "}" && ((key >= 65 && key <= 90) || (key >= 97 && key <= 122));
}

/** The index of the `}` closing the alternation opened at `at`, and its top-level options. */
function options(template: string, at: number): { end: number; parts: string[] } {
  const parts: string[] = [];
  let depth = 0;
  let start = at + 1;
  for (let i = at + 1; i < template.length; i++) {
    const c = template[i];
    if (c === "{") depth++;
    else if (c === "}") {
      if (depth === 0) {
        parts.push(template.slice(start, i));
        return { end: i, parts };
      }
      depth--;
    } else if (c === "|" && depth === 0) {
      parts.push(template.slice(start, i));
      start = i + 1;
    }
  }
  // An unclosed brace is text, not an alternation.
  return { end: -1, parts };
}

/** True when every slot named outside the alternations of `text` has a value. */
export function slotsFilled(text: string, has: (slot: string) => boolean): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "{") {
      if (isSlot(text, i)) {
        if (depth === 0 && !has(text[i + 1] as string)) return false;
        i += 2;
      } else depth++;
    } else if (c === "}" && depth > 0) depth--;
  }
  return true;
}

/** The template with every alternation replaced by one drawable option (slots kept for `fill`). */
export function expand(template: string, rng: Rng, has: (slot: string) => boolean): string {
  let at = template.indexOf("{");
  if (at < 0) return template;
  let out = "";
  let last = 0;
  while (at >= 0) {
    if (isSlot(template, at)) {
      at = template.indexOf("{", at + 3);
      continue;
    }
    const { end, parts } = options(template, at);
    if (end < 0) break;
    const drawable = parts.filter((p) => slotsFilled(p, has));
    const chosen = drawable.length === 0 ? "" : (drawable[rng.int(drawable.length)] as string);
    out += template.slice(last, at) + expand(chosen, rng, has);
    last = end + 1;
    at = template.indexOf("{", last);
  }
  return out + template.slice(last);
}
