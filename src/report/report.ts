import { resolveConfig } from "../config/load.js";
import type { Config } from "../config/schema.js";
import { UsageError } from "../errors.js";
import { type EventSink, ignoreEvents } from "../events.js";
import { InteractionStorage } from "../interaction/storage.js";
import { TrainingDataCollector } from "../training/collector.js";
import { statisticsFor } from "../training/exporter.js";
import type { DatasetStatistics } from "../training/statistics.js";
import { AtomicFileWriter } from "../util/atomic-write.js";
import { type Clock, systemClock } from "../util/clock.js";
import { BlockPacker, compressed } from "./data-blocks.js";
import { dataBlock, inlineJson, pageBody, pageEnd, pageHead, pageScript } from "./page.js";
import { FiguresAccumulator, type ReportFigures } from "./report-figures.js";
import { DEFAULT_REPORT_SAMPLES, SampleIndex } from "./sample-index.js";
import { type SampleView, sampleView } from "./sample-view.js";
import { statisticsSections } from "./sections.js";
import { QueryDomains, readFailures, readSystemPrompts, readUsage } from "./side-records.js";

export { DEFAULT_REPORT_SAMPLES };

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

/** Samples per compressed chunk: one chunk is decompressed when one of its conversations is opened. */
const SAMPLES_PER_CHUNK = 250;
/** System prompts per compressed block. */
const PROMPTS_PER_BLOCK = 200;

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

/** What one pass over the interactions store gathers. */
interface StorePass {
  statistics: DatasetStatistics;
  figures: ReportFigures;
  index: SampleIndex;
  chunks: BlockPacker<SampleView>;
  skipped: number;
}

/** Streams the store once: statistics and figures of every sample, index and views of the first ones. */
async function readStore(
  config: Config,
  sources: ReportSources,
  options: { maxSamples: number; events: EventSink; clock: Clock },
): Promise<StorePass> {
  const { events } = options;
  const domains = new QueryDomains(sources.queries, events);
  const statistics = statisticsFor(config);
  const figures = new FiguresAccumulator();
  const index = new SampleIndex();
  const chunks = new BlockPacker<SampleView>("c", SAMPLES_PER_CHUNK);
  let skipped = 0;
  const storage = new InteractionStorage(sources.interactions, { events });
  const samples = new TrainingDataCollector(showingEverything(config)).collectStream(storage.iterate(), {
    onSkip: (id, reason) => {
      skipped++;
      events({
        type: "warning",
        message: `skipped ${id ?? "a record"}: ${reason}`,
        where: sources.interactions,
      });
    },
  });
  try {
    for await (const sample of samples) {
      statistics.add(sample);
      const domain = await domains.of(sample);
      figures.add(sample, domain);
      if (index.size >= options.maxSamples) continue;
      const split = statistics.splitOf(sample.personaId);
      index.add(sample, { split, domain });
      chunks.add(sampleView(sample));
    }
    chunks.finish();
  } finally {
    await storage.close();
  }
  return {
    statistics: statistics.result(options.clock.now()),
    figures: figures.result(),
    index,
    chunks,
    skipped,
  };
}

/** The system prompts of the personas shown, packed in blocks; each persona's block and slot (or null). */
async function readPrompts(
  dir: string | undefined,
  index: SampleIndex,
  events: EventSink,
): Promise<{ prompts: BlockPacker<string>; refs: Array<[number, number] | null> }> {
  const prompts = new BlockPacker<string>("p", PROMPTS_PER_BLOCK);
  const refs: Array<[number, number] | null> = [];
  if (dir) {
    for await (const { personaId, prompt } of readSystemPrompts(dir, events)) {
      const persona = index.personaIndex(personaId);
      if (persona !== undefined) refs[persona] = prompts.add(prompt);
    }
    prompts.finish();
  }
  return { prompts, refs };
}

/**
 * Writes one self-contained HTML report of a store: the statistics as SVG charts, and a sample
 * browser (filters, conversations with each noisy prompt's diff, system prompts) whose data is
 * embedded gzip-compressed in chunks the page decompresses on demand. Streams the store once; memory
 * grows with the samples shown (their index and compressed chunks, ~0.7 KB a sample), not with the
 * store. The file is written atomically: all of it or nothing.
 */
export async function writeReport(options: ReportOptions): Promise<ReportResult> {
  const config = resolveConfig(options.config);
  const events = options.events ?? ignoreEvents;
  const maxSamples = options.maxSamples ?? DEFAULT_REPORT_SAMPLES;
  if (!Number.isInteger(maxSamples) || maxSamples < 0)
    throw new UsageError(`maxSamples must be a whole number ≥ 0, got ${maxSamples}`);
  const title = options.title ?? "personasynth report";
  const { sources } = options;

  const pass = await readStore(config, sources, { maxSamples, events, clock: options.clock ?? systemClock });
  const { prompts, refs } = await readPrompts(sources.personas, pass.index, events);
  const stats = pass.statistics;
  const sections = statisticsSections({
    statistics: stats,
    figures: pass.figures,
    usage: sources.usage ? await readUsage(sources.usage) : undefined,
    failures: sources.runs ? await readFailures(sources.runs) : undefined,
    shown: pass.index.size,
  });
  const data = pass.index.data();
  const meta = {
    chunkSize: SAMPLES_PER_CHUNK,
    chunks: pass.chunks.blocks.length,
    total: stats.total_samples,
  };
  const writer = await AtomicFileWriter.open(options.out);
  try {
    // What the reader sees first comes first: the charts, the browser and its index, its script,
    // and only then the conversations, which the script waits for when one is opened.
    await writer.write(pageHead(title));
    await writer.write(
      pageBody({
        title,
        subtitle: `${stats.total_samples.toLocaleString("en-US")} samples · ${stats.created_at.slice(0, 16).replace("T", " ")} UTC`,
        statistics: sections,
      }),
    );
    await writer.write(inlineJson("report-meta", meta));
    const prompted = data.personas.map((_, i) => refs[i] ?? null);
    await writer.write(dataBlock("index", compressed({ ...data, prompts: prompted })));
    await writer.write(pageScript());
    for (const [id, base64] of [...pass.chunks.blocks, ...prompts.blocks])
      await writer.write(dataBlock(id, base64));
    await writer.write(pageEnd());
    await writer.commit();
    return { path: writer.path, statistics: stats, shown: pass.index.size, skipped: pass.skipped };
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
