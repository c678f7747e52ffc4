import type { TrainingSample } from "../training/sample.js";
import { Histogram } from "./histograms.js";
import { JUDGE_CRITERIA } from "./judge-operation.js";

/** The judge's scores over a stream of samples, and what `training_data.filter.min_score` dropped. */
export interface JudgeStatistics {
  /** Samples with a judgement (`metadata.judge`), and without one. */
  scored: number;
  unscored: number;
  /** Mean of each criterion (1–5) over the scored samples. */
  criteria: Record<(typeof JUDGE_CRITERIA)[number], number>;
  /** Mean of the 0–1 score. */
  mean_score: number;
  /** Scores in tenths: `0.0-0.1`, …, `0.9-1.0`. */
  score_histogram: Record<string, number>;
  min_score: number | null;
  /** Samples left out of the export for a score below `min_score` (unscored samples are kept). */
  filtered: number;
}

const TENTHS = Array.from({ length: 10 }, (_, i) => `${(i / 10).toFixed(1)}-${((i + 1) / 10).toFixed(1)}`);

/** The judge score (0–1) stored with a sample, if any. */
export function judgeScore(sample: TrainingSample): number | undefined {
  const judge = sample.metadata?.judge as { score?: unknown } | undefined;
  return typeof judge?.score === "number" ? judge.score : undefined;
}

/** Accumulates {@link JudgeStatistics}; {@link passes} applies the `min_score` filter. */
export class JudgeSummary {
  private scored = 0;
  private unscored = 0;
  private filtered = 0;
  private scoreTotal = 0;
  private readonly totals = Object.fromEntries(JUDGE_CRITERIA.map((c) => [c, 0])) as Record<
    (typeof JUDGE_CRITERIA)[number],
    number
  >;
  private readonly histogram = new Histogram(TENTHS);

  constructor(private readonly minScore: number | null) {}

  /** Counts a sample's judgement; false when its score is below `min_score` (counted as filtered). */
  passes(sample: TrainingSample): boolean {
    const score = judgeScore(sample);
    if (score === undefined) {
      this.unscored++;
      return true;
    }
    this.scored++;
    this.scoreTotal += score;
    this.histogram.add(TENTHS[Math.min(9, Math.floor(score * 10))]!);
    const judge = sample.metadata?.judge as Record<string, unknown>;
    for (const c of JUDGE_CRITERIA) this.totals[c] += Number(judge[c] ?? 0);
    if (this.minScore !== null && score < this.minScore) {
      this.filtered++;
      return false;
    }
    return true;
  }

  result(): JudgeStatistics {
    const mean = (total: number) => (this.scored === 0 ? 0 : Math.round((total / this.scored) * 1000) / 1000);
    return {
      scored: this.scored,
      unscored: this.unscored,
      criteria: Object.fromEntries(
        JUDGE_CRITERIA.map((c) => [c, mean(this.totals[c])]),
      ) as JudgeStatistics["criteria"],
      mean_score: mean(this.scoreTotal),
      score_histogram: this.histogram.toJSON(),
      min_score: this.minScore,
      filtered: this.filtered,
    };
  }
}
