import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { LibraryEvent } from "../../src/events.js";
import { type LoadSeedOptions, loadSeedQueries, type SeedSource } from "../../src/query/load-dataset.js";
import type { DatasetLoadReport } from "../../src/query/load-report.js";
import type { SeedQuery } from "../../src/query/seed-query.js";

/** Writes `content` to `dir/name` and returns the path. */
export function write(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** JSONL text of the given rows. */
export function jsonl(rows: unknown[]): string {
  return `${rows.map((row) => JSON.stringify(row)).join("\n")}\n`;
}

/** Loads one dataset fully: its queries, its report (the generator's return value) and its events. */
export async function loadOne(
  source: SeedSource,
  options: LoadSeedOptions = {},
): Promise<{ queries: SeedQuery[]; report: DatasetLoadReport; events: LibraryEvent[] }> {
  const events: LibraryEvent[] = [];
  const loading = loadSeedQueries(source, { ...options, events: (e) => events.push(e) });
  const queries: SeedQuery[] = [];
  for (;;) {
    const next = await loading.next();
    if (next.done) return { queries, report: next.value, events };
    queries.push(next.value);
  }
}

/** The texts of some queries. */
export function texts(queries: SeedQuery[]): string[] {
  return queries.map((q) => q.text);
}
