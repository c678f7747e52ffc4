const WINDOW = 256;
const MIN_SAMPLES = 16;

/**
 * Recent latencies of one provider+model, for the adaptive per-call timeout: a call running far
 * longer than this model's recent p99 is most likely hung, and is cancelled and retried well before
 * the configured hard timeout. The bound doubles with each attempt of the same call, so a call that
 * is merely slow gets more room, not an endless loop.
 */
export class LatencyTracker {
  private readonly samples = new Float64Array(WINDOW);
  private count = 0;
  private cachedP99 = 0;
  private dirty = 0;

  constructor(
    private readonly multiplier: number,
    private readonly minMs: number,
  ) {}

  /** Records a latency; true when this sample made the adaptive bound available. */
  record(ms: number): boolean {
    this.samples[this.count % WINDOW] = ms;
    this.count++;
    if (++this.dirty >= 16) this.recompute();
    return this.count === MIN_SAMPLES;
  }

  /** The adaptive bound for attempt `attempt` (1-based), or undefined until enough samples exist. */
  bound(attempt: number): number | undefined {
    if (this.count < MIN_SAMPLES) return undefined;
    if (this.dirty > 0 && this.cachedP99 === 0) this.recompute();
    return Math.max(this.minMs, this.multiplier * this.cachedP99) * 2 ** (attempt - 1);
  }

  private recompute(): void {
    const n = Math.min(this.count, WINDOW);
    // A typed array sorts numerically in native code (a JS comparator was 0.6% of a run's CPU).
    const sorted = this.samples.slice(0, n).sort();
    this.cachedP99 = sorted[Math.min(n - 1, Math.floor(n * 0.99))] ?? 0;
    this.dirty = 0;
  }
}
