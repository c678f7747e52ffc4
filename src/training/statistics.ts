import type { Compatibility } from "../persona/compatibility.js";
import { DEFAULT_NEAR_THRESHOLD } from "../quality/duplicate-index.js";
import {
  type DedupSettings,
  QualityAccumulator,
  type QualityStatistics,
} from "../quality/quality-accumulator.js";
import type { TrainingSample } from "./sample.js";
import { SPLIT_NAMES, SplitAssigner, type SplitName, type SplitRatios } from "./split.js";

/** Dataset statistics: the seed's fields plus min/max turns, persona and prompt counts, splits. */
export interface DatasetStatistics {
  total_samples: number;
  avg_turns: number;
  avg_trajectory_length: number;
  min_turns: number;
  max_turns: number;
  unique_personas: number;
  total_user_prompts: number;
  samples_by_split: Record<SplitName, number>;
  personas_by_split: Record<SplitName, number>;
  distractor_stats: {
    samples_with_noise: number;
    /** Share of user prompts with a noisy version (the distractor decides per prompt). */
    noise_rate: number;
    /** Share of samples with at least one noisy prompt. */
    sample_noise_rate: number;
    noisy_prompts: number;
    layer_distribution: Record<string, number>;
    strategy_distribution: Record<string, number>;
  };
  /** Personas (each counted once, not once per sample) by `role`. */
  persona_distribution: Record<string, number>;
  termination_reasons: Record<string, number>;
  assistant_models: Record<string, number>;
  /** Diversity, duplicates, coherence and shape of the data, per split and overall (quality/). */
  quality: QualityStatistics;
  /** Samples per generation (the fingerprint of the configuration that made them; `unknown` if none). */
  generations: Record<string, number>;
  created_at: string;
}

/** What the statistics need besides the samples: the split ratios, dedup settings, the bank's rules. */
export interface StatisticsOptions {
  ratios: SplitRatios;
  dedup?: DedupSettings;
  /** The persona bank's rules, to count personas that break them. */
  compat?: Compatibility;
  /** `training_data.filter.min_score`: samples judged below it are left out (and counted). */
  minScore?: number | null;
  /**
   * Whether the export splits (default true). Without a split every sample is counted in `train`,
   * as it is written; the quality figures per split still show where each persona would go.
   */
  splitting?: boolean;
}

/**
 * Accumulates statistics one sample at a time, so a store of any size is summarised in one pass.
 * Memory grows with the number of distinct personas (ids are kept to count them and to assign their
 * split, in the order they are first seen, as the exporter does) and by a few hundred bytes per
 * sample for the duplicate indexes of the quality figures. {@link admit} also decides which samples
 * an export keeps (duplicates removed by `training_data.dedup`): the statistics describe the
 * exported samples, and count what was left out. Personas are counted when first seen.
 */
export class StatisticsAccumulator {
  private total = 0;
  private turns = 0;
  private trajectoryTotal = 0;
  private minTurns = Number.POSITIVE_INFINITY;
  private maxTurns = 0;
  private prompts = 0;
  private withNoise = 0;
  private noisyPrompts = 0;
  private readonly splits: SplitAssigner;
  private readonly bySplit: Record<SplitName, number> = { train: 0, validation: 0, test: 0 };
  private readonly layers: Record<string, number> = {};
  private readonly strategies: Record<string, number> = {};
  private readonly roles: Record<string, number> = {};
  private readonly terminations: Record<string, number> = {};
  private readonly models: Record<string, number> = {};
  private readonly quality: QualityAccumulator;
  private readonly splitting: boolean;
  private readonly generations: Record<string, number> = {};

  constructor(options: StatisticsOptions) {
    this.splits = new SplitAssigner(options.ratios);
    this.splitting = options.splitting ?? true;
    this.quality = new QualityAccumulator(
      options.dedup ?? { remove: "none", threshold: DEFAULT_NEAR_THRESHOLD },
      options.compat,
      options.minScore ?? null,
    );
  }

  /** The split of a persona, as the exporter assigns it (on first sight, in stream order). */
  splitOf(personaId: string): SplitName {
    return this.splits.splitOf(personaId);
  }

  /** Counts a sample; same as {@link admit} without the answer. */
  add(sample: TrainingSample): void {
    this.admit(sample);
  }

  /**
   * Counts a sample and says whether an export keeps it (false: a duplicate the dedup settings
   * remove, or judged below `min_score`; counted either way). Also assigns the persona's split.
   */
  admit(sample: TrainingSample): boolean {
    const newPersona = !this.splits.knows(sample.personaId);
    const split = this.splits.splitOf(sample.personaId);
    if (newPersona) {
      const role = sample.personaFeatures?.role;
      increment(this.roles, role === undefined || role === null ? "unknown" : String(role));
    }
    const { keep, verdicts, duplicate } = this.quality.check(sample, split, newPersona);
    if (!keep) {
      this.quality.addLeftOut(split, verdicts, duplicate);
      return false;
    }
    this.quality.add(sample, split, verdicts);
    this.bySplit[this.splitting ? split : "train"]++;
    this.total++;
    this.turns += sample.numTurns;
    this.minTurns = Math.min(this.minTurns, sample.numTurns);
    this.maxTurns = Math.max(this.maxTurns, sample.numTurns);
    const trajectory = sample.promptTrajectory?.length ?? userMessages(sample);
    this.trajectoryTotal += trajectory;
    this.prompts += trajectory;

    const noisy = [...(sample.noisyInitialQueries ?? []), ...(sample.noisyTrajectories ?? [])];
    if (noisy.length > 0) this.withNoise++;
    this.noisyPrompts += noisyPromptCount(sample);
    for (const version of noisy) {
      increment(this.layers, version.noise_type);
      for (const strategy of version.applied_strategies) increment(this.strategies, strategy);
    }
    const reason = sample.metadata?.termination_reason;
    if (typeof reason === "string") increment(this.terminations, reason);
    const model = sample.metadata?.assistant_model as { provider?: string; model?: string } | undefined;
    if (model?.model)
      increment(this.models, model.provider ? `${model.provider}/${model.model}` : model.model);
    const generation = sample.metadata?.generation;
    increment(this.generations, typeof generation === "string" ? generation : "unknown");
    return true;
  }

  result(createdAt: Date): DatasetStatistics {
    const n = this.total;
    return {
      total_samples: n,
      avg_turns: n === 0 ? 0 : round(this.turns / n),
      avg_trajectory_length: n === 0 ? 0 : round(this.trajectoryTotal / n),
      min_turns: n === 0 ? 0 : this.minTurns,
      max_turns: this.maxTurns,
      unique_personas: this.splits.size,
      total_user_prompts: this.prompts,
      samples_by_split: bySplit((s) => this.bySplit[s]),
      personas_by_split: bySplit((s) =>
        this.splitting ? this.splits.personaCounts[s] : s === "train" ? this.splits.size : 0,
      ),
      distractor_stats: {
        samples_with_noise: this.withNoise,
        noise_rate: this.prompts === 0 ? 0 : round(this.noisyPrompts / this.prompts),
        sample_noise_rate: n === 0 ? 0 : round(this.withNoise / n),
        noisy_prompts: this.noisyPrompts,
        layer_distribution: sortedByCount(this.layers),
        strategy_distribution: sortedByCount(this.strategies),
      },
      persona_distribution: sortedByCount(this.roles),
      termination_reasons: sortedByCount(this.terminations),
      assistant_models: sortedByCount(this.models),
      quality: this.quality.result(),
      generations: sortedByCount(this.generations),
      created_at: createdAt.toISOString(),
    };
  }
}

/** Prompts with a noisy version: the initial query and each follow-up turn counted once. */
function noisyPromptCount(sample: TrainingSample): number {
  const turns = new Set((sample.noisyTrajectories ?? []).map((v) => v.turn));
  return ((sample.noisyInitialQueries?.length ?? 0) > 0 ? 1 : 0) + turns.size;
}

function bySplit(count: (split: SplitName) => number): Record<SplitName, number> {
  return Object.fromEntries(SPLIT_NAMES.map((s) => [s, count(s)])) as Record<SplitName, number>;
}

function userMessages(sample: TrainingSample): number {
  return sample.fullConversation?.filter((m) => m.role === "user").length ?? 0;
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** Most frequent first, ties by name: stable output for diffs. */
function sortedByCount(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
