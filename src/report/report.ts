import { gzipSync } from "node:zlib";
import { resolveConfig } from "../config/load.js";
import type { Config } from "../config/schema.js";
import { UsageError } from "../errors.js";
import { type EventSink, ignoreEvents } from "../events.js";
import { InteractionStorage } from "../interaction/storage.js";
import { TrainingDataCollector } from "../training/collector.js";
import { splitForPersona } from "../training/split.js";
import { type DatasetStatistics, StatisticsAccumulator } from "../training/statistics.js";
import { AtomicFileWriter } from "../util/atomic-write.js";
import { type Clock, systemClock } from "../util/clock.js";
import { dataBlock, inlineJson, pageBody, pageHead, pageTail } from "./page.js";
import { FiguresAccumulator } from "./report-figures.js";
import { SampleIndex } from "./sample-index.js";
import { type SampleView, sampleView } from "./sample-view.js";
import { statisticsSections } from "./sections.js";
import { readFailures, readQueryDomains, readSystemPrompts, readUsage } from "./side-records.js";

/** Where a report reads from: the interactions store, and the stores beside it when there are any. */
export interface ReportSources {
  /** The interactions store (required). */
  interactions: string;
  /** The personas store: system prompts, shown with each conversation. */
  personas?: string;
  /** The queries store: the domain of each query (filters, coverage). */
  queries?: string;
  /** The usage directory: per-call tokens and cost of every run. */
  usage?: string;
  /** The runs directory: items still failed, by reason. */
  runs?: string;
}

/** Options of {@link writeReport}. */
export interface ReportOptions {
  /** A loaded Config, a partial config dict, or nothing for the defaults (split ratios come from it). */
  config?: unknown;
  sources: ReportSources;
  /** The HTML file to write (atomically). */
  out: string;
  /** Samples embedded for the browser (the first ones of the store); figures cover all. Default 50,000. */
  maxSamples?: number;
  title?: string;
  events?: EventSink;
  clock?: Clock;
}

/** What {@link writeReport} wrote. */
export interface ReportResult {
  path: string;
  statistics: DatasetStatistics;
  /** Samples in the browser. */
  shown: number;
  /** Records that are not valid interactions (each also reported as a warning event). */
  skipped: number;
}

/** The default of {@link ReportOptions.maxSamples}: what a browser tab still opens quickly. */
export const DEFAULT_REPORT_SAMPLES = 50_000;
/** Samples per compressed chunk: one chunk is decompressed when one of its conversations is opened. */
const SAMPLES_PER_CHUNK = 250;
/** System prompts per compressed block. */
const PROMPTS_PER_BLOCK = 200;

function compressed(value: unknown): string {
  return gzipSync(JSON.stringify(value)).toString("base64");
}

/** The config with every `include_*` export switch on: the report shows all the store holds. */
function showingEverything(config: Config): Config {
  const format = Object.fromEntries(
    Object.entries(config.training_data.format).map(([key, value]) => [
      key,
      key.startsWith("include_") ? true : value,
    ]),
  ) as Config["training_data"]["format"];
  return { ...config, training_data: { ...config.training_data, format } };
}

/**
 * Writes one self-contained HTML report of a store: the statistics as SVG charts, and a sample
 * browser (filters, conversations with each noisy prompt's diff, system prompts) whose data is
 * embedded gzip-compressed in chunks the page decompresses on demand. Streams the store once; memory
 * grows with the samples shown (their index), not with the store.
 */
export async function writeReport(options: ReportOptions): Promise<ReportResult> {
  const config = resolveConfig(options.config);
  const events = options.events ?? ignoreEvents;
  const clock = options.clock ?? systemClock;
  const maxSamples = options.maxSamples ?? DEFAULT_REPORT_SAMPLES;
  if (!Number.isInteger(maxSamples) || maxSamples < 0)
    throw new UsageError(`maxSamples must be a whole number ≥ 0, got ${maxSamples}`);
  const title = options.title ?? "personasynth report";
  const { sources } = options;

  const writer = await AtomicFileWriter.open(options.out);
  try {
    await writer.write(pageHead(title));
    const domains = sources.queries
      ? await readQueryDomains(sources.queries, events)
      : new Map<string, string>();
    const statistics = new StatisticsAccumulator(config.training_data.split);
    const figures = new FiguresAccumulator();
    const index = new SampleIndex();
    let chunk: SampleView[] = [];
    let chunks = 0;
    const flushChunk = async () => {
      if (chunk.length === 0) return;
      await writer.write(dataBlock(`c-${chunks++}`, compressed(chunk)));
      chunk = [];
    };

    let skipped = 0;
    const storage = new InteractionStorage(sources.interactions, { events });
    const collector = new TrainingDataCollector(showingEverything(config));
    const samples = collector.collectStream(storage.iterate(), {
      onSkip: (id, reason) => {
        skipped++;
        events({
          type: "warning",
          message: `skipped ${id ?? "a record"}: ${reason}`,
          where: sources.interactions,
        });
      },
    });
    for await (const sample of samples) {
      statistics.add(sample);
      const queryId = sample.metadata?.query_id;
      const domain = typeof queryId === "string" ? domains.get(queryId) : undefined;
      figures.add(sample, domain);
      if (index.size >= maxSamples) continue;
      index.add(sample, {
        split: splitForPersona(sample.personaId, config.training_data.split),
        domain,
        score: null,
      });
      chunk.push(sampleView(sample));
      if (chunk.length === SAMPLES_PER_CHUNK) await flushChunk();
    }
    await flushChunk();
    await storage.close();

    // System prompts of the personas shown, in blocks; each persona points at its block and slot.
    const promptRefs: Array<[number, number] | null> = [];
    let block: string[] = [];
    let blocks = 0;
    if (sources.personas) {
      for await (const { personaId, prompt } of readSystemPrompts(sources.personas, events)) {
        const persona = index.personaIndex(personaId);
        if (persona === undefined) continue;
        promptRefs[persona] = [blocks, block.length];
        block.push(prompt);
        if (block.length === PROMPTS_PER_BLOCK) {
          await writer.write(dataBlock(`p-${blocks++}`, compressed(block)));
          block = [];
        }
      }
      if (block.length > 0) await writer.write(dataBlock(`p-${blocks++}`, compressed(block)));
    }

    const stats = statistics.result(clock.now());
    const data = index.data();
    await writer.write(
      pageBody({
        title,
        subtitle: `${stats.total_samples.toLocaleString("en-US")} samples · ${stats.created_at.slice(0, 16).replace("T", " ")} UTC`,
        statistics: statisticsSections({
          statistics: stats,
          figures: figures.result(),
          usage: sources.usage ? await readUsage(sources.usage) : undefined,
          failures: sources.runs ? await readFailures(sources.runs) : undefined,
          shown: index.size,
        }),
      }),
    );
    await writer.write(
      dataBlock(
        "index",
        compressed({ ...data, prompts: data.personas.map((_, i) => promptRefs[i] ?? null) }),
      ),
    );
    await writer.write(
      inlineJson("report-meta", { chunkSize: SAMPLES_PER_CHUNK, chunks, total: stats.total_samples }),
    );
    await writer.write(pageTail());
    await writer.commit();
    return { path: writer.path, statistics: stats, shown: index.size, skipped };
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
