import { basename, dirname, join } from "node:path";
import { AtomicFileWriter } from "../util/atomic-write.js";
import { readJsonlLines } from "../util/jsonl-reader.js";
import { appendDurably } from "../util/safe-files.js";

/**
 * Where a store directory keeps what it set aside: lines that were torn, corrupt or invalid, each with
 * the file and line it came from and why. Nothing is dropped silently; a user can read, fix and
 * re-append a line from here.
 */
export const QUARANTINE_FILE = "quarantine.jsonl";

/** One line set aside. */
export interface QuarantineEntry {
  /** The segment file it was in (name only). */
  file: string;
  line: number;
  reason: string;
  /** The line as it was, verbatim. */
  record: string;
}

/** Appends entries to the directory's quarantine file, durably (one write and one fsync). */
export async function appendToQuarantine(dir: string, entries: readonly QuarantineEntry[]): Promise<string> {
  const path = join(dir, QUARANTINE_FILE);
  if (entries.length === 0) return path;
  await appendDurably(path, entries.map((e) => `${JSON.stringify(e)}\n`).join(""));
  return path;
}

/**
 * Moves lines of a segment to quarantine: first appended there durably, then the segment is rewritten
 * without them (atomically: the old or the new file, never a part). A crash in between leaves a line
 * in both places, which the next pass quarantines again — never in neither.
 */
export async function quarantineLines(
  path: string,
  reasons: ReadonlyMap<number, string>,
): Promise<QuarantineEntry[]> {
  const entries: QuarantineEntry[] = [];
  for await (const { text, line } of readJsonlLines(path)) {
    const reason = reasons.get(line);
    if (reason !== undefined) entries.push({ file: basename(path), line, reason, record: text });
  }
  await appendToQuarantine(dirname(path), entries);
  const writer = await AtomicFileWriter.open(path);
  try {
    for await (const { text, line } of readJsonlLines(path))
      if (!reasons.has(line)) await writer.write(`${text}\n`);
  } catch (error) {
    await writer.abort();
    throw error;
  }
  await writer.commit();
  return entries;
}
