import { readFileSync } from "node:fs";
import type { z } from "zod";
import { DataError } from "../errors.js";
import { dataPath } from "./data-path.js";

/**
 * A bundled JSON data file (`data/<parts>`), parsed and checked against its schema. Modules call it at
 * load time for the tables they hold, so each file is read once per process (and per worker thread),
 * a few milliseconds in all, and an edit that breaks a file fails at start-up naming the file and the
 * key, not halfway through a run.
 */
export function loadDataJson<T>(schema: z.ZodType<T>, ...parts: string[]): T {
  const path = dataPath(...parts);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (cause) {
    throw new DataError(`cannot read a bundled data file: ${(cause as Error).message}`, {
      where: path,
      hint: "restore it from the package (npm ci), or fix the JSON if you edited it",
    });
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = issue?.path.map(String).join(".") || "(top level)";
  throw new DataError(`bundled data file, key ${key}: ${issue?.message ?? "invalid"}`, {
    where: path,
    hint: "fix the value at that key (the file's `about` says what each table holds)",
  });
}
