import { readFileSync } from "node:fs";
import { ConfigError } from "../errors.js";

const SLOT = /\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Prompt templates are text files with `{slot}` placeholders, as in the original tool. Only the
 * slots a template is rendered with are replaced: any other brace text (JSON examples) stays literal.
 * A template that escapes literal braces Python-style (`{{` … `}}`, as the original tool's
 * `str.format` templates do) has them unescaped, so its JSON examples reach the model intact.
 */
export function renderTemplate(template: string, slots: Readonly<Record<string, string | number>>): string {
  return compileTemplate(template, Object.keys(slots))(slots);
}

/**
 * `renderTemplate` split in two: the template is scanned once for the named `slots`, and each render
 * only joins the pieces (an operation that renders its template on every call scans it once).
 */
export function compileTemplate<S extends string>(
  template: string,
  slots: readonly S[],
): (values: Readonly<Record<S, string | number>>) => string {
  const pythonStyle = template.includes("{{");
  const literals: string[] = [];
  const names: S[] = [];
  let literal = "";
  let last = 0;
  for (const match of template.matchAll(SLOT)) {
    literal += template.slice(last, match.index);
    last = match.index + match[0].length;
    const name = match[1] as S | undefined;
    if (name === undefined) literal += pythonStyle ? (match[0][0] as string) : match[0];
    else if (!slots.includes(name)) literal += match[0];
    else {
      literals.push(literal);
      names.push(name);
      literal = "";
    }
  }
  literals.push(literal + template.slice(last));
  return (values) => {
    let out = literals[0] as string;
    for (let i = 0; i < names.length; i++) out += String(values[names[i] as S]) + (literals[i + 1] as string);
    return out;
  };
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
