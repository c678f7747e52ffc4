import type { LoadedConfig } from "../config/load.js";
import { formatIssue, UsageError } from "../errors.js";
import type { LibraryEvent } from "../events.js";
import type { CliIo } from "./io.js";

/**
 * Loads `--config` (or the defaults) and prints its warnings to stderr. The config modules (the
 * schema, zod, the YAML parser) are loaded here, by the commands that read a config, not by every
 * start of the CLI (`personasynth --version`, `--help`).
 */
export async function loadCliConfig(io: CliIo, file: string | undefined): Promise<LoadedConfig> {
  const { loadConfig } = await import("../config/load.js");
  const loaded = loadConfig(file, { env: io.env, cwd: io.cwd });
  for (const warning of loaded.warnings) io.stderr(`warning: ${formatIssue(warning)}\n`);
  return loaded;
}

/** Renders library events on stderr. */
export function renderEvent(io: CliIo): (event: LibraryEvent) => void {
  return (event) => {
    if (event.type === "warning")
      io.stderr(`warning: ${event.where ? `${event.where}: ` : ""}${event.message}\n`);
    else if (event.type === "info") io.stderr(`${event.message}\n`);
  };
}

/** A whole number above zero given on the command line, or a usage error naming the flag. */
export function positiveInt(text: string, flag: string): number {
  return wholeNumber(text, flag, 1);
}

/**
 * A whole number from `min` to `max` given on the command line, or a usage error naming the flag.
 * Digits only: `Number()` also takes "", " 3", "0x10" and "1e3" (`--threads ""` ran with 0 threads).
 */
export function wholeNumber(text: string, flag: string, min: number, max?: number): number {
  const n = Number(text);
  if (/^\d+$/.test(text) && Number.isSafeInteger(n) && n >= min && (max === undefined || n <= max)) return n;
  const range =
    max !== undefined
      ? `a whole number from ${min} to ${max}`
      : min === 1
        ? "a positive integer"
        : `a whole number ≥ ${min}`;
  throw new UsageError(`${flag} must be ${range}, got "${text}"`, { hint: "write it in plain digits" });
}
