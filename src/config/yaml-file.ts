import { readFileSync } from "node:fs";
import type { z } from "zod";
import { ConfigError, type ConfigIssue } from "../errors.js";
import { snapshotSource } from "./yaml-snapshot.js";
import { parseYamlSource, type YamlSource } from "./yaml-source.js";
import { zodIssuesToConfigIssues } from "./zod-issues.js";

/** Extra checks a file format needs beyond its schema; each returns issues with key paths. */
export type SemanticCheck<T> = (value: T, source: YamlSource) => ConfigIssue[];

/**
 * Reads a YAML data file (persona bank, sampling config, strategy file) against its schema. All
 * problems, with file:line:column, are thrown together as one ConfigError naming `what` the file is.
 */
export function loadYamlFile<S extends z.ZodType>(
  path: string,
  schema: S,
  what: string,
  check?: SemanticCheck<z.output<S>>,
): z.output<S> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`${what} ${code === "ENOENT" ? "not found" : "cannot be read"}`, [], {
      where: path,
      cause: error,
    });
  }
  return parseYamlText(text, path, schema, what, check);
}

/** Same as {@link loadYamlFile} for text already in memory. */
export function parseYamlText<S extends z.ZodType>(
  text: string,
  path: string,
  schema: S,
  what: string,
  check?: SemanticCheck<z.output<S>>,
): z.output<S> {
  const parse = () => parseYamlSource(text, path);
  const source = snapshotSource(text, path, parse) ?? parse();
  const parsed = schema.safeParse(source.value);
  const issues = parsed.success
    ? (check?.(parsed.data, source) ?? [])
    : zodIssuesToConfigIssues(parsed.error.issues, source, schema);
  const errors = issues.filter((i) => i.severity === "error");
  if (errors.length > 0 || !parsed.success) {
    throw new ConfigError(`${what} has ${errors.length} problem${errors.length === 1 ? "" : "s"}`, issues, {
      where: path,
    });
  }
  return parsed.data;
}

/** Builds an issue located at `path` in `source`. */
export function issueAt(
  source: YamlSource,
  path: Array<string | number>,
  message: string,
  severity: ConfigIssue["severity"] = "error",
): ConfigIssue {
  const pos = source.locate(path);
  let key = "";
  for (const part of path) key += typeof part === "number" ? `[${part}]` : key ? `.${part}` : part;
  return {
    severity,
    path: key,
    message,
    file: source.file,
    ...(pos ? { line: pos.line, column: pos.column } : {}),
  };
}
