import type { Compatibility } from "../persona/compatibility.js";
import type { TrainingSample } from "../training/sample.js";
import { SPLIT_NAMES, type SplitName } from "../training/split.js";
import { DuplicateIndex, type DuplicateVerdict } from "./duplicate-index.js";
import { ExactTable } from "./exact-table.js";
import { type JudgeStatistics, JudgeSummary } from "./judge-summary.js";
import {
  readTurns,
  type SampleVerdicts,
  SplitFiguresAccumulator,
  type SplitQuality,
} from "./split-figures.js";
import { wordHashes } from "./word-hashes.js";

/** Which duplicates an export leaves out (`training_data.dedup.remove`); every kind is always counted. */
export type DedupRemoval = "none" | "exact" | "near";

/** Dedup settings: what is removed and the near-duplicate threshold. */
export interface DedupSettings {
  remove: DedupRemoval;
  /** Estimated Jaccard similarity of word-bigram shingles at which two trajectories are near duplicates. */
  threshold: number;
}

/** The quality figures of the statistics: per split and overall. */
export interface QualityStatistics {
  dedup: DedupSettings & { removed: number };
  /** The quality judge's scores (when samples carry them) and the `min_score` filter. */
  judge: JudgeStatistics;
  overall: SplitQuality;
  by_split: Record<SplitName, SplitQuality>;
}

/**
 * Quality figures over a stream of samples, in one pass. Duplicates are found against every
 * earlier sample of the stream (see DuplicateIndex: the first copy is kept), whatever its split, and
 * counted always; {@link check} says whether the export keeps a sample under the dedup settings.
 * Memory per sample: ~25 bytes for the duplicate indexes (the rest spills to temporary files, see
 * DuplicateIndex), one byte for its split.
 */
export class QualityAccumulator {
  private readonly prompts: DuplicateIndex;
  private readonly trajectories: DuplicateIndex;
  private readonly queries = new ExactTable();
  private splitOfSample = new Uint8Array(1024);
  private removed = 0;
  private readonly overall = new SplitFiguresAccumulator(undefined);
  private readonly bySplit = Object.fromEntries(
    SPLIT_NAMES.map((s) => [s, new SplitFiguresAccumulator(s)]),
  ) as Record<SplitName, SplitFiguresAccumulator>;

  private readonly judge: JudgeSummary;

  constructor(
    private readonly dedup: DedupSettings,
    private readonly compat: Compatibility | undefined,
    minScore: number | null = null,
  ) {
    this.judge = new JudgeSummary(minScore);
    this.prompts = new DuplicateIndex({ threshold: dedup.threshold });
    this.trajectories = new DuplicateIndex({ threshold: dedup.threshold });
  }

  /**
   * Checks a sample against the stream so far (`firstOfPersona` on a persona's first sample) and
   * says whether the export keeps it: not when it is a duplicate the dedup settings remove, nor when
   * its judge score is below `min_score` (each counted). Call {@link add} for a kept sample,
   * {@link addLeftOut} otherwise.
   */
  check(
    sample: TrainingSample,
    split: SplitName,
    firstOfPersona: boolean,
  ): { keep: boolean; verdicts: SampleVerdicts; duplicate: boolean } {
    const n = this.trajectories.size;
    if (n === this.splitOfSample.length) {
      const grown = new Uint8Array(n * 2);
      grown.set(this.splitOfSample);
      this.splitOfSample = grown;
    }
    this.splitOfSample[n] = SPLIT_NAMES.indexOf(split);
    const trajectory = this.trajectories.add(userTexts(sample).join("\n"));
    const prompt = this.prompts.add(sample.initialQuery);
    const queryReused = this.queries.firstOf(wordHashes(sample.originalQuery).joined, n) !== undefined;
    const verdicts: SampleVerdicts = {
      prompt,
      trajectory,
      keptSplit: trajectory.kind === "unique" ? undefined : SPLIT_NAMES[this.splitOfSample[trajectory.of]!],
      queryReused,
      contradiction:
        firstOfPersona && this.compat && sample.personaFeatures
          ? this.compat.violations(sample.personaFeatures).length > 0
          : undefined,
    };
    if (removes(this.dedup.remove, trajectory)) return { keep: false, verdicts, duplicate: true };
    return { keep: this.judge.passes(sample), verdicts, duplicate: false };
  }

  /** Counts a sample the export keeps. */
  add(sample: TrainingSample, split: SplitName, verdicts: SampleVerdicts): void {
    const turns = readTurns(sample);
    this.overall.add(sample, verdicts, turns);
    this.bySplit[split].add(sample, verdicts, turns);
  }

  /**
   * Counts a sample the export leaves out: a removed duplicate, or one judged below `min_score`
   * (its duplicate figures still count; only duplicates count as removed by dedup).
   */
  addLeftOut(split: SplitName, verdicts: SampleVerdicts, duplicate: boolean): void {
    if (duplicate) this.removed++;
    this.overall.addLeftOut(verdicts, duplicate);
    this.bySplit[split].addLeftOut(verdicts, duplicate);
  }

  result(): QualityStatistics {
    return {
      dedup: { ...this.dedup, removed: this.removed },
      judge: this.judge.result(),
      overall: this.overall.result(),
      by_split: Object.fromEntries(SPLIT_NAMES.map((s) => [s, this.bySplit[s].result()])) as Record<
        SplitName,
        SplitQuality
      >,
    };
  }
}

function removes(policy: DedupRemoval, verdict: DuplicateVerdict): boolean {
  if (verdict.kind === "unique" || policy === "none") return false;
  return policy === "near" || verdict.kind === "exact";
}

/** The user turns of a sample, in order (the trajectory, or the user messages of the conversation). */
function userTexts(sample: TrainingSample): string[] {
  if (sample.promptTrajectory) return sample.promptTrajectory;
  const fromConversation = (sample.fullConversation ?? [])
    .filter((m) => m.role === "user")
    .map((m) => m.content);
  return fromConversation.length > 0 ? fromConversation : [sample.initialQuery];
}
