import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { ioError, UsageError } from "../errors.js";

/** A file that could not be taken, relative to the source directory, and why. */
export interface SkippedFile {
  file: string;
  reason: string;
}

/** What the original tool's output directory holds, in the order it wrote it. */
export interface OriginalLayout {
  dir: string;
  /** `interactions/*.json` in `index.json` order, then those it does not list, by name (relative paths). */
  interactions: string[];
  /** `personas/*.json|yaml|yml` likewise. */
  personas: string[];
  /** `query_id` of each interaction, from `interactions/index.json` (sample-shaped files lack it). */
  queryIds: Map<string, string>;
  /** Files an index lists that are missing. */
  missing: SkippedFile[];
  /** Indexes that cannot be read (their folder's files are then taken by name). */
  warnings: SkippedFile[];
}

/**
 * Reads the layout of an output directory of the original tool: `interactions/` (one JSON file per
 * interaction, plus `index.json`) and `personas/` (one JSON or YAML file per persona, plus
 * `index.json`). Either may be absent, not both.
 */
export async function readOriginalLayout(dir: string): Promise<OriginalLayout> {
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) {
    throw new UsageError("no such directory", {
      where: dir,
      hint: "pass the original tool's output directory (the one holding interactions/ and personas/)",
    });
  }
  const found = { missing: [] as SkippedFile[], warnings: [] as SkippedFile[] };
  const interactions = await listFolder(dir, "interactions", "interaction_id", [".json"], found);
  const personas = await listFolder(dir, "personas", "persona_id", [".json", ".yaml", ".yml"], found);
  if (!interactions.exists && !personas.exists) {
    throw new UsageError(
      "not an output directory of the original tool: no interactions/ or personas/ in it",
      {
        where: dir,
        hint: "pass the directory that holds interactions/ and personas/ (the original tool's output/)",
      },
    );
  }
  const queryIds = new Map<string, string>();
  for (const entry of interactions.index) {
    if (typeof entry.query_id === "string") queryIds.set(entry.id, entry.query_id);
  }
  return { dir, interactions: interactions.files, personas: personas.files, queryIds, ...found };
}

interface IndexEntry {
  id: string;
  query_id?: unknown;
}

interface Folder {
  exists: boolean;
  files: string[];
  index: IndexEntry[];
}

/**
 * The record files of one folder, in its `index.json` order (`{<folder>: [{<idKey>, …}]}`, as the
 * original's storage classes write it) and then the unlisted ones by name; an indexed file that is
 * missing is reported, an unindexed one is taken (the original wrote the file before its index).
 */
async function listFolder(
  root: string,
  folder: string,
  idKey: string,
  extensions: readonly string[],
  found: { missing: SkippedFile[]; warnings: SkippedFile[] },
): Promise<Folder> {
  let names: string[];
  try {
    names = (await readdir(join(root, folder))).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { exists: false, files: [], index: [] };
    throw ioError("read directory", join(root, folder), error);
  }
  const records = names.filter((n) => n !== "index.json" && extensions.some((e) => n.endsWith(e)));
  const index = await readIndex(root, folder, idKey, found.warnings);
  /** File name by record id (the name without its extension), for the files not yet ordered. */
  const unordered = new Map(records.map((n) => [n.slice(0, n.lastIndexOf(".")), n]));
  const ordered: string[] = [];
  const taken = new Set<string>();
  for (const entry of index) {
    const name = unordered.get(entry.id);
    if (name !== undefined) {
      ordered.push(name);
      unordered.delete(entry.id);
      taken.add(entry.id);
    } else if (!taken.has(entry.id)) {
      found.missing.push({
        file: `${folder}/${entry.id}.json`,
        reason: "listed in index.json, but the file is missing",
      });
    }
  }
  ordered.push(...records.filter((n) => unordered.has(n.slice(0, n.lastIndexOf(".")))));
  return { exists: true, files: ordered.map((n) => `${folder}/${n}`), index };
}

async function readIndex(
  root: string,
  folder: string,
  idKey: string,
  warnings: SkippedFile[],
): Promise<IndexEntry[]> {
  const file = `${folder}/index.json`;
  let text: string;
  try {
    text = await readFile(join(root, file), "utf8");
  } catch {
    return [];
  }
  let list: unknown;
  try {
    list = (JSON.parse(text) as Record<string, unknown> | null)?.[folder];
  } catch (error) {
    warnings.push({ file, reason: `not valid JSON (${(error as Error).message}); files taken by name` });
    return [];
  }
  if (!Array.isArray(list)) {
    warnings.push({ file, reason: `has no "${folder}" list; files taken by name` });
    return [];
  }
  return list.flatMap((entry: unknown) => {
    const id = (entry as Record<string, unknown> | null)?.[idKey];
    return typeof id === "string" && id !== ""
      ? [{ id, query_id: (entry as Record<string, unknown>).query_id }]
      : [];
  });
}
