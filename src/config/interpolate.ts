import { parse as parseYamlScalar } from "yaml";

/** A `${VAR}` reference that had no value and no default. */
export interface UnsetVariable {
  path: Array<string | number>;
  variable: string;
}

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const WHOLE_REFERENCE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}$/;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string of a parsed YAML value.
 * A value that is exactly one reference takes the variable's YAML type (`${PORT:-8080}` is a number);
 * an unset reference with no default removes the key (so schema defaults apply) and is reported.
 * Returns a new value; the input is not modified.
 */
export function interpolateEnv(
  value: unknown,
  env: Readonly<Record<string, string | undefined>>,
): { value: unknown; unset: UnsetVariable[] } {
  const unset: UnsetVariable[] = [];
  const walk = (node: unknown, path: Array<string | number>): unknown => {
    if (typeof node === "string") return interpolateString(node, env, path, unset);
    if (Array.isArray(node)) return node.map((item, i) => walk(item, [...path, i]));
    if (node !== null && typeof node === "object") {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) {
        const next = walk(child, [...path, key]);
        if (next !== undefined) out[key] = next;
      }
      return out;
    }
    return node;
  };
  return { value: walk(value, []), unset };
}

function interpolateString(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
  path: Array<string | number>,
  unset: UnsetVariable[],
): unknown {
  if (!text.includes("${")) return text;
  const whole = WHOLE_REFERENCE.exec(text);
  if (whole) {
    const [, name = "", fallback] = whole;
    const resolved = lookup(env, name) ?? fallback;
    if (resolved === undefined) {
      unset.push({ path, variable: name });
      return undefined;
    }
    return typedScalar(resolved);
  }
  return text.replace(REFERENCE, (_match, name: string, fallback: string | undefined) => {
    const resolved = lookup(env, name) ?? fallback;
    if (resolved === undefined) {
      unset.push({ path, variable: name });
      return "";
    }
    return resolved;
  });
}

function lookup(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === "" ? undefined : value;
}

/** `8080` → 8080, `true` → true, anything else stays a string. */
function typedScalar(text: string): unknown {
  if (!/^(?:-?\d+(?:\.\d+)?|true|false|null)$/.test(text.trim())) return text;
  try {
    return parseYamlScalar(text);
  } catch {
    return text;
  }
}
