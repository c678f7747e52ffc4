import type { z } from "zod";
import type { ConfigIssue } from "../errors.js";
import { excerpt } from "../util/excerpt.js";
import type { YamlSource } from "./yaml-source.js";

/**
 * Turns zod's issues into ConfigIssues that say where (file:line:column and key path) and what,
 * in words a user understands, with a "did you mean" for misspelt keys.
 */
export function zodIssuesToConfigIssues(
  issues: ReadonlyArray<z.core.$ZodIssue>,
  source: YamlSource | undefined,
  schema: z.ZodType,
): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    if (issue.code === "unrecognized_keys") {
      const known = knownKeysAt(schema, path);
      for (const key of issue.keys) {
        const suggestion = closest(key, known);
        out.push(
          located(source, path, key, {
            severity: "error",
            path: joinPath([...path, key]),
            message: `unknown key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}`,
          }),
        );
      }
      continue;
    }
    out.push(
      located(source, path, undefined, {
        severity: "error",
        path: joinPath(path),
        message: describeIssue(issue, valueAt(source?.value, path)),
      }),
    );
  }
  return out;
}

function located(
  source: YamlSource | undefined,
  path: Array<string | number>,
  key: string | undefined,
  issue: ConfigIssue,
): ConfigIssue {
  if (!source) return issue;
  const pos = key === undefined ? source.locate(path) : source.locateKey(path, key);
  return pos
    ? { ...issue, file: source.file, line: pos.line, column: pos.column }
    : { ...issue, file: source.file };
}

/** `a.b[2].c` */
export function joinPath(path: ReadonlyArray<string | number>): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out ? `.${part}` : part;
  return out;
}

/** zod's own wording; a schema's custom message (e.g. "needs at least one value") is kept as written. */
const DEFAULT_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized)/;

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  if (!DEFAULT_MESSAGE.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return value === undefined
        ? `is required (expected ${issue.expected})`
        : `expected ${issue.expected}, got ${typeName(value)} ${preview(value)}`;
    case "too_small":
      return `must be ${issue.inclusive === false ? ">" : "≥"} ${String(issue.minimum)}${issue.origin === "string" ? " characters" : issue.origin === "array" ? " items" : ""}, got ${preview(value)}`;
    case "too_big":
      return `must be ${issue.inclusive === false ? "<" : "≤"} ${String(issue.maximum)}, got ${preview(value)}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${preview(value)}`;
    case "invalid_union":
      return `has an unexpected shape: ${preview(value)}`;
    case "invalid_format":
      return `is not a valid ${issue.format}: ${preview(value)}`;
    default:
      return issue.message;
  }
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return typeof value;
}

function preview(value: unknown): string {
  // Masked and short: the value may come from a file that holds keys (a config path pointing at a .env).
  return excerpt(JSON.stringify(value) ?? String(value), 60);
}

function valueAt(root: unknown, path: ReadonlyArray<string | number>): unknown {
  let node = root;
  for (const part of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

/** The keys an object schema accepts at `path` (unwrapping defaults, optionals, pipes, unions). */
export function knownKeysAt(schema: z.ZodType, path: ReadonlyArray<string | number>): string[] {
  let nodes: unknown[] = [schema];
  for (const part of path) {
    nodes = nodes.flatMap((node) => children(unwrap(node), part));
  }
  return [...new Set(nodes.flatMap((node) => unwrap(node).flatMap(objectKeys)))];
}

interface SchemaDef {
  type?: string;
  innerType?: unknown;
  in?: unknown;
  out?: unknown;
  shape?: Record<string, unknown>;
  element?: unknown;
  valueType?: unknown;
  options?: unknown[];
  schema?: unknown;
}

function def(node: unknown): SchemaDef {
  return ((node as { def?: SchemaDef } | undefined)?.def ?? {}) as SchemaDef;
}

function unwrap(node: unknown): unknown[] {
  const d = def(node);
  switch (d.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
      return unwrap(d.innerType);
    case "pipe":
      return [...unwrap(d.in), ...unwrap(d.out)];
    case "union":
      return (d.options ?? []).flatMap(unwrap);
    default:
      return [node];
  }
}

function children(nodes: unknown[], part: string | number): unknown[] {
  return nodes.flatMap((node) => {
    const d = def(node);
    if (d.type === "object" && typeof part === "string" && d.shape?.[part]) return [d.shape[part]];
    if (d.type === "array" && typeof part === "number") return [d.element];
    if (d.type === "record") return [d.valueType];
    return [];
  });
}

function objectKeys(node: unknown): string[] {
  const d = def(node);
  return d.type === "object" && d.shape ? Object.keys(d.shape) : [];
}

/** The known key closest to `key` by edit distance, if it is close enough to be a likely typo. */
/** The known name `key` is most likely a misspelling of, if one is close enough. */
export function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] ?? 0;
}

/** One line naming every problem of a data record: `key: what; other.key: what`. */
export function summarizeZodIssues(issues: ReadonlyArray<z.core.$ZodIssue>, value: unknown, max = 3): string {
  const parts = issues.slice(0, max).map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    const key = joinPath(path);
    return `${key ? `${key}: ` : ""}${describeIssue(issue, valueAt(value, path))}`;
  });
  if (issues.length > max) parts.push(`and ${issues.length - max} more`);
  return parts.join("; ");
}
