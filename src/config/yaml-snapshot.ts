import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sha256Hex } from "../util/hash.js";
import type { YamlSource } from "./yaml-source.js";

/**
 * Where the build writes the parsed value of each bundled YAML data file (persona bank, sampling
 * config, strategy file), as JSON named by the SHA-256 of the file's text (scripts/yaml-snapshots.mjs).
 * One level below dist/ both for the compiled modules (dist/config) and the CLI bundle (dist/cli);
 * the sources (src/config, tests) have none and always parse the YAML.
 */
export const SNAPSHOT_DIR = fileURLToPath(new URL("../yaml-snapshots/", import.meta.url));

/** The snapshot file of a YAML text: its SHA-256, so a changed file never finds a stale value. */
export function snapshotName(text: string): string {
  return `${sha256Hex(text)}.json`;
}

/**
 * The source of a YAML text from its snapshot, when the build wrote one: parsing the bundled files
 * with the YAML library (and optimising its parser) was ~0.14 s of CPU at every run's start, where
 * JSON.parse takes a millisecond. Positions (for a problem's file:line:column) are read from the
 * YAML itself, parsed the first time one is asked for. Undefined when there is no snapshot.
 */
export function snapshotSource(
  text: string,
  file: string,
  parse: () => YamlSource,
  dir: string = SNAPSHOT_DIR,
): YamlSource | undefined {
  let json: string;
  try {
    json = readFileSync(`${dir}/${snapshotName(text)}`, "utf8");
  } catch {
    return undefined; // no snapshot of this text: the caller parses the YAML
  }
  let parsed: YamlSource | undefined;
  const positions = () => {
    parsed ??= parse();
    return parsed;
  };
  return {
    value: JSON.parse(json) as unknown,
    file,
    locate: (path) => positions().locate(path),
    locateKey: (path, key) => positions().locateKey(path, key),
  };
}
