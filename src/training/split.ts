import { unitInterval } from "../util/hash.js";
import { IdMap } from "../util/id-map.js";

/** The three splits, in file order. */
export const SPLIT_NAMES = ["train", "validation", "test"] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];

export interface SplitRatios {
  train: number;
  validation: number;
  test: number;
}

/**
 * How far (in personas) a split may run ahead of its share before a persona is sent elsewhere. One
 * keeps every split within about one persona of its share while leaving most choices to the hash.
 */
const SLACK = 1;

/**
 * The split a persona's samples go to, assigned when the persona is first seen. Each persona has a
 * preferred split from a hash of its id alone; it goes there unless
 * - some split with a positive ratio is still empty and the preferred one is not: it goes to the
 *   first empty one (so from 3 personas on no split is empty), or
 * - the preferred split would be more than one persona ahead of its share: it goes to the split
 *   furthest behind its share (so proportions stay within about one persona of the ratios).
 *
 * All samples of a persona land in one split. The assignment depends on the order personas are first
 * seen: exports read the store in its append order, so adding samples later moves nobody.
 */
export class SplitAssigner {
  /** Persona id → index in SPLIT_NAMES (a million personas in ~20 MB, see IdMap). */
  private readonly assigned = new IdMap();
  private readonly counts: Record<SplitName, number> = { train: 0, validation: 0, test: 0 };
  private readonly shares: Record<SplitName, number>;
  private readonly open: SplitName[];

  constructor(private readonly ratios: SplitRatios) {
    this.open = SPLIT_NAMES.filter((s) => ratios[s] > 0);
    if (this.open.length === 0) this.open = ["train"];
    const total = this.open.reduce((sum, s) => sum + Math.max(ratios[s], 0), 0);
    this.shares = { train: 0, validation: 0, test: 0 };
    for (const s of this.open) this.shares[s] = total > 0 ? ratios[s] / total : 1 / this.open.length;
  }

  /** The split of a persona (assigning it on first sight). */
  splitOf(personaId: string): SplitName {
    const known = this.assigned.get(personaId);
    if (known !== undefined) return SPLIT_NAMES[known] as SplitName;
    const k = this.assigned.size + 1;
    let split = preferredSplit(personaId, this.ratios);
    if (!this.open.includes(split)) split = this.open[0]!;
    const empty = this.open.find((s) => this.counts[s] === 0);
    if (empty !== undefined && this.counts[split] > 0) split = empty;
    else if (this.counts[split] + 1 - this.shares[split] * k > SLACK) split = this.furthestBehind(k);
    this.assigned.add(personaId, SPLIT_NAMES.indexOf(split));
    this.counts[split]++;
    return split;
  }

  /** True when the persona already has its split. */
  knows(personaId: string): boolean {
    return this.assigned.has(personaId);
  }

  /** Personas assigned so far. */
  get size(): number {
    return this.assigned.size;
  }

  /** Personas per split so far. */
  get personaCounts(): Readonly<Record<SplitName, number>> {
    return this.counts;
  }

  private furthestBehind(k: number): SplitName {
    let best = this.open[0]!;
    for (const s of this.open)
      if (this.shares[s] * k - this.counts[s] > this.shares[best] * k - this.counts[best]) best = s;
    return best;
  }
}

/**
 * The split a persona prefers: a hash of its id alone, compared with the cumulative ratios. The
 * {@link SplitAssigner} follows it unless that would leave a split empty or off its share.
 */
export function preferredSplit(personaId: string, ratios: SplitRatios): SplitName {
  const u = unitInterval(`split\u0000${personaId}`);
  if (u < ratios.train) return "train";
  if (u < ratios.train + ratios.validation) return "validation";
  return ratios.test > 0 ? "test" : ratios.validation > 0 ? "validation" : "train";
}
