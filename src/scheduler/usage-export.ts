import { join } from "node:path";
import { writeFileAtomic } from "../util/atomic-write.js";
import { type Clock, fileTimestamp } from "../util/clock.js";
import { readJsonlLines } from "../util/jsonl-reader.js";
import type { UsageTracker } from "./usage.js";

/**
 * Writes `token_usage[_YYYYmmdd_HHMMSS].json`: `{exported_at, statistics: {summary, by_module,
 * by_model}, records}`. Records streamed to a JSONL file during the run are copied from it line by
 * line, so the export never holds them all in memory.
 */
export async function exportTokenUsage(
  usage: UsageTracker,
  dir: string,
  options: { clock: Clock; useTimestamp?: boolean },
): Promise<string> {
  usage.flush();
  const now = options.clock.now();
  const path = join(dir, `token_usage${options.useTimestamp === false ? "" : `_${fileTimestamp(now)}`}.json`);
  const head = { exported_at: now.toISOString(), statistics: usage.statistics() };
  await writeFileAtomic(path, async (write) => {
    await write(`${JSON.stringify(head, null, 2).slice(0, -2)},\n  "records": [`);
    let first = true;
    const emit = async (line: string) => {
      await write(`${first ? "\n    " : ",\n    "}${line}`);
      first = false;
    };
    if (usage.hasRecordFile && usage.recordsPath) {
      for await (const { text, unterminated } of readJsonlLines(usage.recordsPath))
        if (!unterminated) await emit(text);
    } else {
      for (const record of usage.records()) await emit(JSON.stringify(record));
    }
    await write(first ? "]\n}\n" : "\n  ]\n}\n");
  });
  return path;
}
