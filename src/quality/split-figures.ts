import { queryDomainOf } from "../training/query-domain.js";
import type { TrainingSample } from "../training/sample.js";
import { DistinctCounter } from "./distinct-counter.js";
import type { DuplicateVerdict } from "./duplicate-index.js";
import { combine32 } from "./fast-hash.js";
import { Histogram, LENGTH_BUCKETS, lengthBucket } from "./histograms.js";
import { wordHashes } from "./word-hashes.js";

/** Distinct-n of one side of the conversations: distinct n-grams over all n-grams. */
export interface DistinctFigures {
  words: number;
  distinct_1: number;
  distinct_2: number;
}

/** Duplicates among texts of one kind: counted against every earlier sample, whatever its split. */
export interface DuplicateFigures {
  exact: number;
  near: number;
  /** `(exact + near) / samples`. */
  rate: number;
}

/** The quality figures of one split (or of all samples). */
export interface SplitQuality {
  samples: number;
  distinct: { user: DistinctFigures; assistant: DistinctFigures };
  duplicates: {
    /** The initial query of each sample. */
    prompts: DuplicateFigures;
    /** The whole prompt trajectory (every user turn in order). */
    trajectories: DuplicateFigures & {
      /** Duplicates whose kept copy is in another split: the same conversation trains and tests. */
      cross_split: number;
      /** Removed from the export by `training_data.dedup`. */
      removed: number;
    };
  };
  /** Personas (first sample of each) holding a pair of values the persona bank's rules rule out. */
  persona_contradictions: number;
  persona_domain: {
    /** Samples whose persona has a `domain` and whose query has an inferred domain. */
    samples: number;
    /** Of those, samples where the two agree. */
    matching: number;
    match_rate: number;
    /** Distinct persona role × query domain pairs seen, and the share of roles × domains they fill. */
    cells: number;
    coverage: number;
  };
  /** Samples whose seed query (normalised) an earlier sample already used. */
  query_reuse: { reused: number; rate: number };
  turns_histogram: Record<string, number>;
  /** User turns by length in words. */
  user_length_histogram: Record<string, number>;
  assistant_length_histogram: Record<string, number>;
  termination_reasons: Record<string, number>;
}

/** What the whole-stream checks found for one sample (computed once, by the statistics). */
export interface SampleVerdicts {
  prompt: DuplicateVerdict;
  trajectory: DuplicateVerdict;
  /** Split of the kept copy when the trajectory is a duplicate. */
  keptSplit: string | undefined;
  queryReused: boolean;
  /** Set on a persona's first sample: whether it breaks a bank rule. */
  contradiction: boolean | undefined;
}

/** Accumulates {@link SplitQuality} one sample at a time. */
export class SplitFiguresAccumulator {
  private samples = 0;
  /** Left out for another reason than being a removed duplicate (a low judge score). */
  private leftOut = 0;
  private readonly user = new NgramCounter();
  private readonly assistant = new NgramCounter();
  private readonly prompts = { exact: 0, near: 0 };
  private readonly trajectories = { exact: 0, near: 0, cross_split: 0, removed: 0 };
  private contradictions = 0;
  private readonly domain = { samples: 0, matching: 0 };
  private readonly cells = new Set<string>();
  private readonly roles = new Set<string>();
  private readonly domains = new Set<string>();
  private reused = 0;
  private readonly turns = new Histogram();
  private readonly userLengths = new Histogram(LENGTH_BUCKETS);
  private readonly assistantLengths = new Histogram(LENGTH_BUCKETS);
  private readonly terminations = new Histogram();

  constructor(private readonly split: string | undefined) {}

  /** Counts a sample the export leaves out: only its duplicate and persona figures. */
  addLeftOut(verdicts: SampleVerdicts, removedDuplicate: boolean): void {
    this.countDuplicates(verdicts);
    if (verdicts.contradiction) this.contradictions++;
    if (removedDuplicate) this.trajectories.removed++;
    else this.leftOut++;
  }

  /**
   * Counts an exported sample; `turns` is {@link readTurns} of it (read once for the overall and the
   * split figures).
   */
  add(
    sample: TrainingSample,
    verdicts: SampleVerdicts,
    turns: readonly TurnWords[] = readTurns(sample),
  ): void {
    this.samples++;
    this.countDuplicates(verdicts);
    if (verdicts.queryReused) this.reused++;
    if (verdicts.contradiction) this.contradictions++;
    for (const turn of turns) {
      (turn.user ? this.user : this.assistant).add(turn);
      (turn.user ? this.userLengths : this.assistantLengths).add(lengthBucket(turn.high.length));
    }
    this.turns.add(String(sample.numTurns));
    const reason = sample.metadata?.termination_reason;
    if (typeof reason === "string") this.terminations.add(reason);
    const personaDomain = sample.personaFeatures?.domain;
    const role = sample.personaFeatures?.role;
    const queryDomain = queryDomainOf(sample);
    if (queryDomain !== undefined) {
      this.domains.add(queryDomain);
      if (personaDomain !== undefined && personaDomain !== null) {
        this.domain.samples++;
        if (String(personaDomain) === queryDomain) this.domain.matching++;
      }
      if (role !== undefined && role !== null) {
        this.roles.add(String(role));
        this.cells.add(`${role}\u0000${queryDomain}`);
      }
    }
  }

  result(): SplitQuality {
    const n = this.samples;
    const all = n + this.trajectories.removed + this.leftOut;
    const possibleCells = this.roles.size * this.domains.size;
    return {
      samples: n,
      distinct: { user: this.user.result(), assistant: this.assistant.result() },
      duplicates: {
        prompts: { ...this.prompts, rate: ratio(this.prompts.exact + this.prompts.near, all) },
        trajectories: {
          exact: this.trajectories.exact,
          near: this.trajectories.near,
          rate: ratio(this.trajectories.exact + this.trajectories.near, all),
          cross_split: this.trajectories.cross_split,
          removed: this.trajectories.removed,
        },
      },
      persona_contradictions: this.contradictions,
      persona_domain: {
        samples: this.domain.samples,
        matching: this.domain.matching,
        match_rate: ratio(this.domain.matching, this.domain.samples),
        cells: this.cells.size,
        coverage: ratio(this.cells.size, possibleCells),
      },
      query_reuse: { reused: this.reused, rate: ratio(this.reused, n) },
      turns_histogram: this.turns.toJSON(),
      user_length_histogram: this.userLengths.toJSON(),
      assistant_length_histogram: this.assistantLengths.toJSON(),
      termination_reasons: this.terminations.toJSON(),
    };
  }

  private countDuplicates(verdicts: SampleVerdicts): void {
    if (verdicts.prompt.kind !== "unique") this.prompts[verdicts.prompt.kind]++;
    if (verdicts.trajectory.kind === "unique") return;
    this.trajectories[verdicts.trajectory.kind]++;
    if (this.split !== undefined && verdicts.keptSplit !== this.split) this.trajectories.cross_split++;
  }
}

/** Distinct unigrams and bigrams of a stream of word lists. */
class NgramCounter {
  private words = 0;
  private bigrams = 0;
  private readonly distinct1 = new DistinctCounter();
  private readonly distinct2 = new DistinctCounter();

  /** Counts one message's words, given by their two hashes (see {@link readTurns}). */
  add({ high, low }: TurnWords): void {
    for (let i = 0; i < high.length; i++) {
      const h = high[i]!;
      const l = low[i]!;
      this.distinct1.add(as52(h, l));
      if (i > 0) this.distinct2.add(as52(combine32(high[i - 1]!, h), combine32(low[i - 1]!, l)));
    }
    this.words += high.length;
    this.bigrams += Math.max(0, high.length - 1);
  }

  result(): DistinctFigures {
    return {
      words: this.words,
      distinct_1: ratio(this.distinct1.count, this.words),
      distinct_2: ratio(this.distinct2.count, this.bigrams),
    };
  }
}

/** Two 32-bit hashes as one 52-bit number (exact in a double). */
function as52(high: number, low: number): number {
  return (high & 0xfffff) * 2 ** 32 + low;
}

/** A user or assistant message as the figures count it: its words (see `wordHashes`), each as two hashes. */
export interface TurnWords {
  user: boolean;
  high: Uint32Array;
  low: Uint32Array;
}

/** The user and assistant messages of a sample (its prompt trajectory without a conversation), read. */
export function readTurns(sample: TrainingSample): TurnWords[] {
  const turns: TurnWords[] = [];
  const read = (user: boolean, content: string) => {
    const { high, low } = wordHashes(content);
    turns.push({ user, high, low });
  };
  if (sample.fullConversation === undefined)
    for (const content of sample.promptTrajectory ?? []) read(true, content);
  else
    for (const m of sample.fullConversation)
      if (m.role === "user" || m.role === "assistant") read(m.role === "user", m.content);
  return turns;
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}
