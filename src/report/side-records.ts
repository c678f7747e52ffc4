import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { ioError, StoreError } from "../errors.js";
import type { EventSink } from "../events.js";
import { InteractionStorage } from "../interaction/storage.js";
import { openSystemPromptStore } from "../persona/persona-stores.js";
import { queryDomainOf } from "../training/query-domain.js";
import type { TrainingSample } from "../training/sample.js";
import { readJsonlLines } from "../util/jsonl-reader.js";

/** Tokens, cost and calls of one group of API calls (a stage, or a provider/model). */
export interface UsageGroup {
  calls: number;
  cache_hits: number;
  failures: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
}

/** API calls by stage and by model, summed over every run's usage records. */
export interface UsageFigures {
  by_stage: Record<string, UsageGroup>;
  by_model: Record<string, UsageGroup>;
}

/** Items that failed and were not produced since: counts by error code, with a few example reasons. */
export interface FailureFigures {
  total: number;
  by_code: Record<string, number>;
  examples: Array<{ item_id: string; code: string; reason: string }>;
}

/** Query id → the domain its style-transfer record inferred (stored in the queries store). */
async function readQueryDomains(dir: string, events: EventSink): Promise<Map<string, string>> {
  const domains = new Map<string, string>();
  const store = new InteractionStorage(dir, { idKey: "query_id", prefix: "queries", events });
  for await (const record of store.iterate()) {
    if (typeof record.inferred_domain === "string")
      domains.set(record.query_id as string, record.inferred_domain);
  }
  await store.close();
  return domains;
}

/**
 * The domain of a sample's query: as recorded with the interaction (`queryDomainOf`), or,
 * for records written before it was, from the queries store (read once, when first needed).
 */
export class QueryDomains {
  private table: Map<string, string> | undefined;

  constructor(
    private readonly dir: string | undefined,
    private readonly events: EventSink,
  ) {}

  async of(sample: TrainingSample): Promise<string | undefined> {
    const recorded = queryDomainOf(sample);
    if (recorded !== undefined) return recorded;
    const queryId = sample.metadata?.query_id;
    if (typeof queryId !== "string" || this.dir === undefined) return undefined;
    this.table ??= await readQueryDomains(this.dir, this.events);
    return this.table.get(queryId);
  }
}

/** Streams the stored system prompts (persona id, prompt; a persona made under several generations has one per generation). */
export async function* readSystemPrompts(
  dir: string,
  events: EventSink,
): AsyncGenerator<{ personaId: string; prompt: string }> {
  const store = openSystemPromptStore(dir, events);
  try {
    for await (const record of store.iterate()) {
      if (typeof record.system_prompt === "string")
        yield { personaId: record.persona_id as string, prompt: record.system_prompt };
    }
  } finally {
    await store.close();
  }
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw ioError("read directory", dir, error);
  }
}

function emptyGroup(): UsageGroup {
  return { calls: 0, cache_hits: 0, failures: 0, input_tokens: 0, output_tokens: 0, cost_usd: 0 };
}

function addTo(groups: Record<string, UsageGroup>, key: string, record: Record<string, unknown>): void {
  groups[key] ??= emptyGroup();
  const g = groups[key];
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
  g.calls++;
  if (record.cache_hit === true) g.cache_hits++;
  if (record.ok === false) g.failures++;
  g.input_tokens += num(record.input_tokens);
  g.output_tokens += num(record.output_tokens);
  g.cost_usd += num(record.cost_usd);
}

/**
 * Sums the per-call usage records every run streams to `usage/usage-<plan>.jsonl`. Offline-engine calls
 * cost nothing and are not recorded one by one, so an offline-only store has none (undefined).
 */
export async function readUsage(dir: string): Promise<UsageFigures | undefined> {
  const figures: UsageFigures = { by_stage: {}, by_model: {} };
  let records = 0;
  for (const name of await listDir(dir)) {
    if (!/^usage-.*\.jsonl$/.test(name)) continue;
    for await (const { text, line, unterminated } of readJsonlLines(join(dir, name))) {
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(text) as Record<string, unknown>;
      } catch {
        if (unterminated) continue; // a run killed mid-write; the rest of the file is whole
        throw new StoreError("usage record is not valid JSON", { where: `${join(dir, name)}:${line}` });
      }
      records++;
      addTo(figures.by_stage, String(record.stage ?? "unknown"), record);
      addTo(figures.by_model, `${String(record.provider ?? "?")}/${String(record.model ?? "?")}`, record);
    }
  }
  return records === 0 ? undefined : figures;
}

/** Example reasons kept per report (the counts cover every failure). */
const FAILURE_EXAMPLES = 20;

/** Reads `runs/<plan>/failures.json` of every plan: the items still failed (a rerun that succeeds removes them). */
export async function readFailures(dir: string): Promise<FailureFigures | undefined> {
  const figures: FailureFigures = { total: 0, by_code: {}, examples: [] };
  for (const plan of await listDir(dir)) {
    const path = join(dir, plan, "failures.json");
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") continue;
      throw ioError("read", path, error);
    }
    let failures: unknown;
    try {
      failures = JSON.parse(text);
    } catch {
      throw new StoreError("failures file is not valid JSON", { where: path });
    }
    if (!Array.isArray(failures)) throw new StoreError("failures file is not a JSON array", { where: path });
    for (const failure of failures as Array<Record<string, unknown>>) {
      const code = String(failure.code ?? "unknown");
      figures.total++;
      figures.by_code[code] = (figures.by_code[code] ?? 0) + 1;
      if (figures.examples.length < FAILURE_EXAMPLES)
        figures.examples.push({
          item_id: String(failure.item_id ?? ""),
          code,
          reason: String(failure.reason ?? ""),
        });
    }
  }
  return figures.total === 0 ? undefined : figures;
}
