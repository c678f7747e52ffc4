import type { Rng } from "../../rng/random.js";

/**
 * Alternations inside a phrase template: `{Start|Begin} with {S}` reads "Start with …" or
 * "Begin with …", one option drawn per alternation. An option may be empty (`{really |}`) and may
 * hold slots (`{for {S}|here}`); an option whose slots have no value is never drawn, and an
 * alternation none of whose options can be drawn reads as nothing. Slots (`{T}`: one letter in
 * braces) are filled from a record; a slot without a value stays as written. One template so reads
 * dozens of ways, which is what keeps the offline assistant's sentences from repeating across a run.
 * A template is compiled once (when the pools load) and rendered per use.
 */

/** A compiled template: text, slots and alternations in order. */
export type Phrase = readonly Part[];
type Part = string | Slot | Alternation;
interface Slot {
  slot: string;
}
interface Alternation {
  options: readonly Phrase[];
  /** The slots each option needs (outside its own alternations). */
  needs: readonly string[];
  /** No option needs a slot: every one can be drawn, whatever the slots (most alternations). */
  free: boolean;
  /**
   * Each option as its text, when every one is plain text (most alternations: the variants of a
   * phrase): drawn without rendering an option.
   */
  texts: readonly string[] | undefined;
}

/** True when the `{` at `at` opens a slot (`{T}`), not an alternation. */
function isSlot(template: string, at: number): boolean {
  const key = template.charCodeAt(at + 1);
  return template[at + 2] === "}" && ((key >= 65 && key <= 90) || (key >= 97 && key <= 122));
}

/** The index of the `}` closing the alternation opened at `at` (-1: unclosed), and its options. */
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
  return { end: -1, parts };
}

/** Compiles a template (see the module comment). An unclosed brace is text. */
export function compile(template: string): Phrase {
  const out: Part[] = [];
  let last = 0;
  let at = template.indexOf("{");
  while (at >= 0) {
    if (isSlot(template, at)) {
      if (at > last) out.push(template.slice(last, at));
      out.push({ slot: template[at + 1] as string });
      last = at + 3;
      at = template.indexOf("{", last);
      continue;
    }
    const { end, parts } = options(template, at);
    if (end < 0) break;
    if (at > last) out.push(template.slice(last, at));
    const needs = parts.map(requiredSlots);
    const compiled = parts.map(compile);
    out.push({ options: compiled, needs, free: needs.every((n) => n === ""), texts: plainTexts(compiled) });
    last = end + 1;
    at = template.indexOf("{", last);
  }
  if (last < template.length) out.push(template.slice(last));
  return out;
}

/** The text of each option when every option is plain text ("" for an empty one), else undefined. */
function plainTexts(options: readonly Phrase[]): string[] | undefined {
  const texts: string[] = [];
  for (const option of options) {
    if (option.length === 0) texts.push("");
    else if (option.length === 1 && typeof option[0] === "string") texts.push(option[0]);
    else return undefined;
  }
  return texts;
}

/** The slots named outside the alternations of `template`, one letter each: the slots it needs. */
export function requiredSlots(template: string): string {
  let needs = "";
  let depth = 0;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === "{") {
      if (isSlot(template, i)) {
        if (depth === 0) needs += template[i + 1] as string;
        i += 2;
      } else depth++;
    } else if (c === "}" && depth > 0) depth--;
  }
  return needs;
}

/**
 * The alternations outside any other whose every option needs a slot (`{Keep {X} in mind|Plan around
 * {X}}`): the slots each of their options needs. Such an alternation reads as nothing when no option
 * can be drawn, so a template holding one is whole only when one option of each can be.
 */
export function requiredChoices(template: string): string[][] {
  const out: string[][] = [];
  for (let at = template.indexOf("{"); at >= 0; at = template.indexOf("{", at + 1)) {
    if (isSlot(template, at)) {
      at += 2;
      continue;
    }
    const { end, parts } = options(template, at);
    if (end < 0) break;
    const needs = parts.map(requiredSlots);
    if (needs.every((n) => n !== "")) out.push(needs);
    at = end;
  }
  return out;
}

function filled(needs: string, slots: Readonly<Record<string, string>>, weak: string): boolean {
  // Slot names are single ASCII letters: indexing reads them without a string iterator.
  for (let i = 0; i < needs.length; i++) {
    const key = needs[i] as string;
    if (slots[key] === undefined || key === weak) return false;
  }
  return true;
}

function renderPhrase(
  phrase: Phrase,
  rng: Rng,
  slots: Readonly<Record<string, string>>,
  weak: string,
): string {
  let out = "";
  for (let p = 0; p < phrase.length; p++) {
    const part = phrase[p] as Part;
    if (typeof part === "string") out += part;
    else if ("slot" in part) out += slots[part.slot] ?? `{${part.slot}}`;
    else if (part.texts !== undefined) out += part.texts[rng.int(part.texts.length)];
    else if (part.free) {
      // The same draw as below, without testing options that need nothing.
      out += renderPhrase(part.options[rng.int(part.options.length)] as Phrase, rng, slots, weak);
    } else {
      const { needs, options } = part;
      let drawable = 0;
      for (let i = 0; i < needs.length; i++) {
        const need = needs[i] as string;
        if (need === "" || filled(need, slots, weak)) drawable++;
      }
      if (drawable === 0) continue;
      let pick = rng.int(drawable);
      for (let i = 0; i < options.length; i++) {
        const need = needs[i] as string;
        if (need !== "" && !filled(need, slots, weak)) continue;
        if (pick-- === 0) {
          out += renderPhrase(options[i] as Phrase, rng, slots, weak);
          break;
        }
      }
    }
  }
  return out;
}

/**
 * A compiled template read once: one drawable option per alternation, slots filled from `slots`. A
 * `weak` slot (one letter) fills the template where it must but draws no option of its own: a
 * placeholder value ("this") says nothing worth an optional "for this".
 */
export function render(phrase: Phrase, rng: Rng, slots: Readonly<Record<string, string>>, weak = ""): string {
  return renderPhrase(phrase, rng, slots, weak);
}
