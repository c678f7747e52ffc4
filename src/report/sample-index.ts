import type { TrainingSample } from "../training/sample.js";
import type { SplitName } from "../training/split.js";

/** The judge's 0–1 score stored with a sample (`metadata.judge.score`), if it was judged. */
/** The default of `ReportOptions.maxSamples` (report.ts): what a browser tab still opens quickly. */
export const DEFAULT_REPORT_SAMPLES = 50_000;

export function judgeScore(sample: TrainingSample): number | undefined {
  const judge = sample.metadata?.judge as { score?: unknown } | undefined;
  return typeof judge?.score === "number" && Number.isFinite(judge.score) ? judge.score : undefined;
}

/** Strings ↔ small integers, in the order first seen: the index stores codes, not repeated text. */
export class Vocabulary {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();

  code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.codes.set(value, code);
      this.values.push(value);
    }
    return code;
  }
}

/** Characters of the first user message kept for the list row. */
const PREVIEW_CHARS = 120;

/**
 * What the browser filters and lists on, column by column (one entry per shown sample): small enough
 * to decode at once for 50,000 samples, while the conversations stay in compressed chunks.
 */
export interface SampleIndexData {
  /** Persona feature dimensions, and for each its values (codes index them). */
  dimensions: Array<{ name: string; values: string[] }>;
  /** Per persona: its id and the value code of every dimension (-1: not set). */
  personas: Array<{ id: string; features: number[] }>;
  vocab: { split: string[]; domain: string[]; reason: string[]; layer: string[]; strategy: string[] };
  samples: {
    id: string[];
    persona: number[];
    split: number[];
    /** Query domain code, -1 when unknown. */
    domain: number[];
    /** Termination reason code, -1 when unknown. */
    reason: number[];
    /** Codes of the noise layers and strategies of the sample's noisy versions. */
    layers: number[][];
    strategies: number[][];
    turns: number[];
    /** The judge's 0–1 score (`metadata.judge.score`), null when the sample was not judged. */
    score: Array<number | null>;
    preview: string[];
  };
}

/** Builds the {@link SampleIndexData} one sample at a time. */
export class SampleIndex {
  private readonly dimensionNames = new Vocabulary();
  private readonly dimensionValues: Vocabulary[] = [];
  private readonly personaCodes = new Map<string, number>();
  private readonly personas: SampleIndexData["personas"] = [];
  private readonly split = new Vocabulary();
  private readonly domain = new Vocabulary();
  private readonly reason = new Vocabulary();
  private readonly layer = new Vocabulary();
  private readonly strategy = new Vocabulary();
  private readonly samples: SampleIndexData["samples"] = {
    id: [],
    persona: [],
    split: [],
    domain: [],
    reason: [],
    layers: [],
    strategies: [],
    turns: [],
    score: [],
    preview: [],
  };

  get size(): number {
    return this.samples.id.length;
  }

  /** The persona's code, registering it (and its features) the first time it is seen. */
  personaCode(sample: TrainingSample): number {
    let code = this.personaCodes.get(sample.personaId);
    if (code !== undefined) return code;
    code = this.personas.length;
    this.personaCodes.set(sample.personaId, code);
    const features: number[] = [];
    for (const [name, value] of Object.entries(sample.personaFeatures ?? {})) {
      if (value === null || value === undefined) continue;
      const dim = this.dimensionNames.code(name);
      this.dimensionValues[dim] ??= new Vocabulary();
      features[dim] = (this.dimensionValues[dim] as Vocabulary).code(String(value));
    }
    this.personas.push({ id: sample.personaId, features });
    return code;
  }

  add(sample: TrainingSample, facts: { split: SplitName; domain: string | undefined }): void {
    const s = this.samples;
    s.id.push(sample.sampleId);
    s.persona.push(this.personaCode(sample));
    s.split.push(this.split.code(facts.split));
    s.domain.push(facts.domain === undefined ? -1 : this.domain.code(facts.domain));
    const reason = sample.metadata?.termination_reason;
    s.reason.push(typeof reason === "string" ? this.reason.code(reason) : -1);
    const layers = new Set<number>();
    const strategies = new Set<number>();
    for (const version of [...(sample.noisyInitialQueries ?? []), ...(sample.noisyTrajectories ?? [])]) {
      layers.add(this.layer.code(version.noise_type));
      for (const strategy of version.applied_strategies) strategies.add(this.strategy.code(strategy));
    }
    s.layers.push([...layers]);
    s.strategies.push([...strategies]);
    s.turns.push(sample.numTurns);
    s.score.push(judgeScore(sample) ?? null);
    const first = sample.fullConversation?.find((m) => m.role === "user")?.content ?? sample.initialQuery;
    s.preview.push(first.length > PREVIEW_CHARS ? `${first.slice(0, PREVIEW_CHARS - 1)}…` : first);
  }

  /** The persona's position in {@link SampleIndexData.personas}, if it has a shown sample. */
  personaIndex(personaId: string): number | undefined {
    return this.personaCodes.get(personaId);
  }

  data(): SampleIndexData {
    const dims = this.dimensionNames.values.map((name, i) => ({
      name,
      values: this.dimensionValues[i]?.values ?? [],
    }));
    // Dimensions missing from a persona are -1 (the sparse array's holes), so every row has all columns.
    const personas = this.personas.map((p) => ({
      id: p.id,
      features: dims.map((_, i) => p.features[i] ?? -1),
    }));
    return {
      dimensions: dims,
      personas,
      vocab: {
        split: this.split.values,
        domain: this.domain.values,
        reason: this.reason.values,
        layer: this.layer.values,
        strategy: this.strategy.values,
      },
      samples: this.samples,
    };
  }
}
