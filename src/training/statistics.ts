import type { TrainingSample } from "./sample.js";
import { SPLIT_NAMES, type SplitName, type SplitRatios, splitForPersona } from "./split.js";

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
  distractor_stats: {
    samples_with_noise: number;
    noise_rate: number;
    noisy_prompts: number;
    layer_distribution: Record<string, number>;
    strategy_distribution: Record<string, number>;
  };
  persona_distribution: Record<string, number>;
  termination_reasons: Record<string, number>;
  assistant_models: Record<string, number>;
  created_at: string;
}

/**
 * Accumulates statistics one sample at a time, so a store of any size is summarised in one pass.
 * Memory grows only with the number of distinct personas (ids are kept to count them).
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
  private readonly personas = new Set<string>();
  private readonly bySplit: Record<SplitName, number> = { train: 0, validation: 0, test: 0 };
  private readonly layers: Record<string, number> = {};
  private readonly strategies: Record<string, number> = {};
  private readonly roles: Record<string, number> = {};
  private readonly terminations: Record<string, number> = {};
  private readonly models: Record<string, number> = {};

  constructor(private readonly ratios: SplitRatios) {}

  add(sample: TrainingSample): void {
    this.total++;
    this.turns += sample.numTurns;
    this.minTurns = Math.min(this.minTurns, sample.numTurns);
    this.maxTurns = Math.max(this.maxTurns, sample.numTurns);
    const trajectory = sample.promptTrajectory?.length ?? userMessages(sample);
    this.trajectoryTotal += trajectory;
    this.prompts += trajectory;
    this.personas.add(sample.personaId);
    this.bySplit[splitForPersona(sample.personaId, this.ratios)]++;

    const noisy = [...(sample.noisyInitialQueries ?? []), ...(sample.noisyTrajectories ?? [])];
    if (noisy.length > 0) this.withNoise++;
    this.noisyPrompts += noisy.length;
    for (const version of noisy) {
      increment(this.layers, version.noise_type);
      for (const strategy of version.applied_strategies) increment(this.strategies, strategy);
    }
    const role = sample.personaFeatures?.role;
    increment(this.roles, role === undefined || role === null ? "unknown" : String(role));
    const reason = sample.metadata?.termination_reason;
    if (typeof reason === "string") increment(this.terminations, reason);
    const model = sample.metadata?.assistant_model as { provider?: string; model?: string } | undefined;
    if (model?.model)
      increment(this.models, model.provider ? `${model.provider}/${model.model}` : model.model);
  }

  result(createdAt: Date): DatasetStatistics {
    const n = this.total;
    return {
      total_samples: n,
      avg_turns: n === 0 ? 0 : round(this.turns / n),
      avg_trajectory_length: n === 0 ? 0 : round(this.trajectoryTotal / n),
      min_turns: n === 0 ? 0 : this.minTurns,
      max_turns: this.maxTurns,
      unique_personas: this.personas.size,
      total_user_prompts: this.prompts,
      samples_by_split: Object.fromEntries(SPLIT_NAMES.map((s) => [s, this.bySplit[s]])) as Record<
        SplitName,
        number
      >,
      distractor_stats: {
        samples_with_noise: this.withNoise,
        noise_rate: n === 0 ? 0 : round(this.withNoise / n),
        noisy_prompts: this.noisyPrompts,
        layer_distribution: sortedByCount(this.layers),
        strategy_distribution: sortedByCount(this.strategies),
      },
      persona_distribution: sortedByCount(this.roles),
      termination_reasons: sortedByCount(this.terminations),
      assistant_models: sortedByCount(this.models),
      created_at: createdAt.toISOString(),
    };
  }
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
