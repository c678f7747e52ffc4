import { readFileSync } from "node:fs";
import { ConfigError } from "../errors.js";

/**
 * Prompt templates are text files with `{slot}` placeholders, as in the original tool. Only the
 * slots a template is rendered with are replaced: any other brace text (JSON examples) stays literal.
 * A template that escapes literal braces Python-style (`{{` … `}}`, as the original tool's
 * `str.format` templates do) has them unescaped, so its JSON examples reach the model intact.
 */
export function renderTemplate(template: string, slots: Readonly<Record<string, string | number>>): string {
  const pythonStyle = template.includes("{{");
  return template.replace(/\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (match, name: string | undefined) => {
    if (name === undefined) return pythonStyle ? (match[0] as string) : match;
    return Object.hasOwn(slots, name) ? String(slots[name]) : match;
  });
}

/** Reads a template file; a missing one is a ConfigError naming it. */
export function readTemplate(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError(`${what} template cannot be read`, [], { where: path, cause: error });
  }
}

/** Slot names a template uses, for validation. */
export function templateSlots(template: string): Set<string> {
  return new Set([...template.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1] ?? ""));
}
