/** Fixed-bucket histograms for the statistics: the same buckets in every file, so runs compare. */

/** Upper bounds (inclusive) of the word-count buckets; the last bucket is open. */
const LENGTH_BOUNDS = [5, 10, 20, 50, 100, 200, 500] as const;

/** The bucket label of a word count: `1-5`, `6-10`, …, `501+` (`0` for an empty text). */
export function lengthBucket(words: number): string {
  if (words === 0) return "0";
  let low = 1;
  for (const high of LENGTH_BOUNDS) {
    if (words <= high) return `${low}-${high}`;
    low = high + 1;
  }
  return `${low}+`;
}

/** Every length bucket label in order (for a histogram with zeros shown). */
export const LENGTH_BUCKETS: readonly string[] = [
  "0",
  ...LENGTH_BOUNDS.map((high, i) => `${i === 0 ? 1 : LENGTH_BOUNDS[i - 1]! + 1}-${high}`),
  `${LENGTH_BOUNDS[LENGTH_BOUNDS.length - 1]! + 1}+`,
];

/** Counts by key, with the keys of a fixed list first (in order) and others after, sorted. */
export class Histogram {
  private readonly counts = new Map<string, number>();

  constructor(private readonly fixed: readonly string[] = []) {}

  add(key: string, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }

  toJSON(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const key of this.fixed) out[key] = this.counts.get(key) ?? 0;
    const rest = [...this.counts.keys()].filter((k) => !this.fixed.includes(k));
    rest.sort((a, b) => {
      const na = Number(a);
      const nb = Number(b);
      return Number.isNaN(na) || Number.isNaN(nb) ? (a < b ? -1 : a > b ? 1 : 0) : na - nb;
    });
    for (const key of rest) out[key] = this.counts.get(key)!;
    return out;
  }
}
