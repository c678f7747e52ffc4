import type { FileHandle } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { StoreError } from "../errors.js";
import type { EventSink } from "../events.js";
import { readJsonlLines } from "../util/jsonl-reader.js";
import { APPEND_NO_FOLLOW, openNoFollow, UPDATE_NO_FOLLOW } from "../util/safe-files.js";
import { appendToQuarantine, QUARANTINE_FILE, quarantineLines } from "./quarantine.js";
import { parseStoreLine, type StoredRecord } from "./store-line.js";

/**
 * Makes a segment end on a whole line before appending to it: a complete last record without its
 * newline gets one (it is a finished record: cutting it lost a good sample); a last line that does not
 * parse (a write torn by a crash) is moved to quarantine and cut off.
 */
export async function repairTail(path: string, idKey: string, events: EventSink): Promise<void> {
  const handle = await openNoFollow(path, UPDATE_NO_FOLLOW, "open store segment");
  try {
    const { size } = await handle.stat();
    if (size === 0) return;
    const window = Math.min(size, 1 << 20);
    const buffer = Buffer.alloc(window);
    await handle.read(buffer, 0, window, size - window);
    if (buffer[window - 1] === 0x0a) return;
    const lastNewline = buffer.lastIndexOf(0x0a);
    const keep = lastNewline === -1 ? (window === size ? 0 : -1) : size - window + lastNewline + 1;
    if (keep < 0) throw new StoreError("last record is longer than 1 MiB and torn", { where: path });
    const tail = buffer.subarray(window - (size - keep)).toString("utf8");
    if ("record" in parseStoreLine(tail, idKey)) {
      await handle.write("\n", size);
      await handle.datasync();
      events({ type: "warning", message: "added the missing newline after the last record", where: path });
      return;
    }
    const line = (await lineCount(handle, keep)) + 1;
    await appendToQuarantine(dirname(path), [
      { file: basename(path), line, reason: "torn last line (an interrupted write)", record: tail },
    ]);
    await handle.truncate(keep);
    await handle.datasync();
    events({
      type: "warning",
      message: `moved a torn last line (${size - keep} bytes) to ${QUARANTINE_FILE}`,
      where: `${path}:${line}`,
    });
  } finally {
    await handle.close();
  }
}

/**
 * `personasynth repair` for one segment: lines that do not parse, are not records, or fail `validate`
 * go to quarantine (wherever they are); a complete last record gets its missing newline.
 */
export async function repairSegment(
  path: string,
  idKey: string,
  validate: ((record: StoredRecord) => string | undefined) | undefined,
): Promise<{ quarantined: number; newlines: number }> {
  const bad = new Map<number, string>();
  let unterminated = false;
  for await (const { text, line, unterminated: last } of readJsonlLines(path)) {
    const parsed = parseStoreLine(text, idKey);
    const reason = "problem" in parsed ? parsed.problem : validate?.(parsed.record);
    if (reason !== undefined) bad.set(line, last ? `torn last line (${reason})` : reason);
    else unterminated = last;
  }
  if (bad.size > 0) {
    // The rewrite ends every kept line with a newline, the last one included.
    await quarantineLines(path, bad);
    return { quarantined: bad.size, newlines: 0 };
  }
  if (!unterminated) return { quarantined: 0, newlines: 0 };
  const handle = await openNoFollow(path, APPEND_NO_FOLLOW, "append to store");
  try {
    await handle.write("\n");
    await handle.datasync();
  } finally {
    await handle.close();
  }
  return { quarantined: 0, newlines: 1 };
}

/** Lines in the first `bytes` of a file (to say which line a torn tail was). */
async function lineCount(handle: FileHandle, bytes: number): Promise<number> {
  const buffer = Buffer.allocUnsafe(1 << 20);
  let lines = 0;
  for (let at = 0; at < bytes; ) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, bytes - at), at);
    if (bytesRead === 0) break;
    for (let i = buffer.indexOf(0x0a); i !== -1 && i < bytesRead; i = buffer.indexOf(0x0a, i + 1)) lines++;
    at += bytesRead;
  }
  return lines;
}
