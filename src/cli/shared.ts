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
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`${flag} must be a positive integer, got "${text}"`);
  return n;
}
