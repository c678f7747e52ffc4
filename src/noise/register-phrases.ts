import { personaTraits } from "../offline/traits/persona-traits.js";
import type { PersonaFeatures } from "../persona/persona.js";

/** How a persona writes: the register a phrase must fit. */
export type Register = "casual" | "neutral" | "formal";

const REGISTERS: readonly Register[] = ["casual", "neutral", "formal"];

/**
 * The persona's register, with the thresholds the offline noise uses everywhere: formality ≥ 3 is
 * formal, casualness ≥ 0.6 casual; no persona is neutral.
 */
export function registerOf(features: Readonly<Record<string, unknown>> | undefined): Register {
  if (features === undefined) return "neutral";
  const traits = personaTraits(features as PersonaFeatures);
  return traits.formality >= 3 ? "formal" : traits.casualness >= 0.6 ? "casual" : "neutral";
}

/**
 * The phrases of a list that fit a register. A list may file phrases under register labels
 * (`- casual: [...]`, `- formal: [...]`, `- neutral: [...]`): a persona gets its register's phrases and
 * the neutral ones (a neutral persona gets every phrase but the casual ones). Unlabelled phrases
 * are neutral. Empty when nothing fits.
 */
export function phrasesForRegister(list: unknown, register: Register): string[] {
  const out: string[] = [];
  collect(list, "neutral", register, out);
  return [...new Set(out)];
}

function collect(entry: unknown, label: Register, register: Register, out: string[]): void {
  if (typeof entry === "string") {
    const phrase = entry.trim();
    if (phrase !== "" && fits(label, register)) out.push(phrase);
  } else if (Array.isArray(entry)) {
    for (const item of entry) collect(item, label, register, out);
  } else if (entry !== null && typeof entry === "object") {
    for (const [key, value] of Object.entries(entry))
      collect(
        value,
        (REGISTERS as readonly string[]).includes(key) ? (key as Register) : label,
        register,
        out,
      );
  }
}

function fits(label: Register, register: Register): boolean {
  if (label === "neutral" || label === register) return true;
  return register === "neutral" && label === "formal";
}
