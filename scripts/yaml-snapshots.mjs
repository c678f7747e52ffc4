// Build step: the parsed value of each bundled YAML data file (data/*.yaml), written as JSON named by
// the SHA-256 of the file's text into DIST/yaml-snapshots, where src/config/yaml-snapshot.ts finds it.
// The value comes from the compiled parser itself (DIST/config/yaml-source.js), so it is what parsing
// the YAML at run time gives; a file whose value JSON cannot carry exactly is left to the parser.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";

/** Writes the snapshots of `dataDir`'s YAML files into `outDir` (emptied first); returns their names. */
export function writeYamlSnapshots(parseYamlSource, dataDir, outDir) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const written = [];
  for (const name of readdirSync(dataDir)
    .filter((n) => n.endsWith(".yaml"))
    .sort()) {
    const text = readFileSync(join(dataDir, name), "utf8");
    const value = parseYamlSource(text, join(dataDir, name)).value;
    const json = JSON.stringify(value);
    if (!isDeepStrictEqual(JSON.parse(json), value)) continue;
    const file = `${createHash("sha256").update(text).digest("hex")}.json`;
    writeFileSync(join(outDir, file), json);
    written.push(file);
  }
  return written;
}

/** The same, with the parser compiled into `dist`. */
export async function snapshotBundledData(root, dist) {
  const { parseYamlSource } = await import(pathToFileURL(join(dist, "config", "yaml-source.js")).href);
  return writeYamlSnapshots(parseYamlSource, join(root, "data"), join(dist, "yaml-snapshots"));
}
