import type { TrainingSample } from "../training/sample.js";

/** Upper bounds (exclusive) of the length histogram's bins, in characters; the last bin is open. */
export const LENGTH_BINS = [25, 50, 100, 200, 400, 800, 1600] as const;

/** The figures the report draws beyond the dataset statistics, over every sample of the store. */
export interface ReportFigures {
  /** Per persona dimension: how many distinct personas have each value. */
  dimensions: Record<string, Record<string, number>>;
  /** Samples by number of turns. */
  turns: Record<string, number>;
  /** Characters per user prompt and per assistant reply, binned by {@link LENGTH_BINS}. */
  userLengths: number[];
  assistantLengths: number[];
  /** Samples by the domain of their query (absent when no query records were found). */
  queryDomains: Record<string, number>;
  /** Persona's `domain` feature × the query's domain: sample counts, when both are known. */
  domainCoverage: Record<string, Record<string, number>>;
}

function binOf(length: number): number {
  const i = LENGTH_BINS.findIndex((bound) => length < bound);
  return i === -1 ? LENGTH_BINS.length : i;
}

function increment(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

/** Accumulates {@link ReportFigures} in one pass; memory grows with the number of distinct personas. */
export class FiguresAccumulator {
  private readonly personas = new Set<string>();
  private readonly figures: ReportFigures = {
    dimensions: {},
    turns: {},
    userLengths: new Array(LENGTH_BINS.length + 1).fill(0),
    assistantLengths: new Array(LENGTH_BINS.length + 1).fill(0),
    queryDomains: {},
    domainCoverage: {},
  };

  add(sample: TrainingSample, queryDomain: string | undefined): void {
    const f = this.figures;
    if (!this.personas.has(sample.personaId)) {
      this.personas.add(sample.personaId);
      for (const [name, value] of Object.entries(sample.personaFeatures ?? {})) {
        if (value === null || value === undefined) continue;
        f.dimensions[name] ??= {};
        increment(f.dimensions[name], String(value));
      }
    }
    increment(f.turns, String(sample.numTurns));
    for (const message of sample.fullConversation ?? []) {
      const bins =
        message.role === "user"
          ? f.userLengths
          : message.role === "assistant"
            ? f.assistantLengths
            : undefined;
      if (bins) bins[binOf(message.content.length)] = (bins[binOf(message.content.length)] ?? 0) + 1;
    }
    if (queryDomain !== undefined) {
      increment(f.queryDomains, queryDomain);
      const personaDomain = sample.personaFeatures?.domain;
      if (personaDomain !== undefined && personaDomain !== null) {
        f.domainCoverage[String(personaDomain)] ??= {};
        increment(f.domainCoverage[String(personaDomain)] as Record<string, number>, queryDomain);
      }
    }
  }

  result(): ReportFigures {
    return this.figures;
  }
}
