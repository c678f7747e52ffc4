/** Where one level of limits stood when a call took a slot in it: what its 429 reacts to. */
export interface LevelSnapshot {
  /** How many calls were in flight at this level when this one started (itself included). */
  readonly inFlightAtStart: number;
  /** Value of the level's decrease counter at start: decreases react once per congestion event. */
  readonly epoch: number;
}

/** Rounds of successes per +1 of the limit once a 429 has shown where the server's limit is. */
const PROBE_ROUNDS = 4;

/**
 * One concurrency limit (the run, an endpoint, or a model on an endpoint), adaptive like TCP's AIMD
 * when it is the level a server's 429s are charged to: each success raises the limit by 1/limit
 * (about +1 per round of calls) up to the configured maximum; four times slower at or above the level
 * a 429 last set. A 429 is one congestion event (later 429s of calls sent before it are ignored): the
 * limit drops to just below the concurrency the rejected call was sent at — the server's capacity,
 * when it caps concurrency — and, if 429s keep coming within a round of the last drop at or below the
 * level it set (a rate limit, not a cap), it is cut by 30%. It only counts: waiting is CallSlots' job.
 */
export class AdaptiveLimiter {
  private limit: number;
  private inFlight = 0;
  private successesSinceDrop = Number.POSITIVE_INFINITY;
  /** The limit set by the last drop: the concurrency believed to be accepted. */
  private safeLevel = 0;
  private epoch = 0;

  constructor(readonly max: number) {
    this.limit = max;
  }

  /** The current limit (rounded down). */
  get currentLimit(): number {
    return Math.max(1, Math.floor(this.limit));
  }

  get active(): number {
    return this.inFlight;
  }

  /** True when one more call may start at this level. */
  get hasRoom(): boolean {
    return this.inFlight < this.currentLimit;
  }

  /** Counts a call in; the snapshot is what a 429 of this call is judged by. */
  take(): LevelSnapshot {
    this.inFlight++;
    return { inFlightAtStart: this.inFlight, epoch: this.epoch };
  }

  /** Counts a call out. */
  give(): void {
    this.inFlight--;
  }

  onSuccess(): void {
    this.successesSinceDrop++;
    // At or above the level the last 429 set, probe four times slower: each probe past a cap costs
    // a rejected request and a Retry-After wait.
    const rounds = this.limit >= this.safeLevel && this.safeLevel > 0 ? PROBE_ROUNDS : 1;
    if (this.limit < this.max) this.limit = Math.min(this.max, this.limit + 1 / (this.limit * rounds));
  }

  /** A 429 for a call that started at `snapshot`. */
  onRateLimited(snapshot: LevelSnapshot): void {
    if (snapshot.epoch !== this.epoch) return; // already reacted to this congestion event
    this.epoch++;
    // A rate limit, not a cap: rejected again within a round, at a concurrency the last drop deemed
    // safe. A rejection above that level is the additive increase probing past the cap (which takes
    // less than a round of successes: counting those as persistent cut the limit by 30% every probe).
    const persistent = this.successesSinceDrop < this.limit && snapshot.inFlightAtStart <= this.safeLevel;
    const belowCapacity = Math.min(this.limit, snapshot.inFlightAtStart) - 1;
    this.limit = Math.max(1, persistent ? Math.min(belowCapacity, this.limit * 0.7) : belowCapacity);
    this.safeLevel = Math.floor(this.limit);
    this.successesSinceDrop = 0;
  }
}
