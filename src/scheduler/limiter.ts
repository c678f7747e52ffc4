/** A granted slot: release it exactly once. */
export interface Permit {
  /** How many calls were in flight when this one started (itself included). */
  readonly inFlightAtStart: number;
  /** Value of the limiter's decrease counter at start: decreases react once per congestion event. */
  readonly epoch: number;
}

/** Rounds of successes per +1 of the limit once a 429 has shown where the server's limit is. */
const PROBE_ROUNDS = 4;

interface Waiter {
  priority: number;
  seq: number;
  resolve: (permit: Permit) => void;
}

/**
 * Concurrency limit for one provider+model, adaptive like TCP's AIMD: each success raises the limit
 * by 1/limit (about +1 per round of calls) up to the configured maximum; four times slower at or
 * above the level a 429 last set. A 429 is one congestion
 * event (later 429s of calls sent before it are ignored): the limit drops to just below the
 * concurrency the rejected call was sent at — the server's capacity, when it caps concurrency — and,
 * if 429s keep coming within a round of the last drop at or below the level it set (a rate limit,
 * not a cap), it is cut by 30%.
 * Waiters are served by priority (higher first), then first come first served.
 */
export class AdaptiveLimiter {
  private limit: number;
  private inFlight = 0;
  private successesSinceDrop = Number.POSITIVE_INFINITY;
  /** The limit set by the last drop: the concurrency believed to be accepted. */
  private safeLevel = 0;
  private epoch = 0;
  private seq = 0;
  private readonly heap: Waiter[] = [];

  constructor(private readonly max: number) {
    this.limit = max;
  }

  /** The current limit (rounded down). */
  get currentLimit(): number {
    return Math.max(1, Math.floor(this.limit));
  }

  get active(): number {
    return this.inFlight;
  }

  get waiting(): number {
    return this.heap.length;
  }

  /** Resolves when a slot is free. */
  acquire(priority = 0): Promise<Permit> {
    if (this.heap.length === 0 && this.inFlight < this.currentLimit) return Promise.resolve(this.grant());
    return new Promise<Permit>((resolve) => this.push({ priority, seq: this.seq++, resolve }));
  }

  /** Frees a slot and wakes the next waiters the limit allows. */
  release(): void {
    this.inFlight--;
    this.drain();
  }

  onSuccess(): void {
    this.successesSinceDrop++;
    // At or above the level the last 429 set, probe four times slower: each probe past a cap costs
    // a rejected request and a Retry-After wait.
    const rounds = this.limit >= this.safeLevel && this.safeLevel > 0 ? PROBE_ROUNDS : 1;
    if (this.limit < this.max) this.limit = Math.min(this.max, this.limit + 1 / (this.limit * rounds));
  }

  /** A 429 for a call started under `permit`. */
  onRateLimited(permit: Permit): void {
    if (permit.epoch !== this.epoch) return; // already reacted to this congestion event
    this.epoch++;
    // A rate limit, not a cap: rejected again within a round, at a concurrency the last drop deemed
    // safe. A rejection above that level is the additive increase probing past the cap (which takes
    // less than a round of successes: counting those as persistent cut the limit by 30% every probe).
    const persistent = this.successesSinceDrop < this.limit && permit.inFlightAtStart <= this.safeLevel;
    const belowCapacity = Math.min(this.limit, permit.inFlightAtStart) - 1;
    this.limit = Math.max(1, persistent ? Math.min(belowCapacity, this.limit * 0.7) : belowCapacity);
    this.safeLevel = Math.floor(this.limit);
    this.successesSinceDrop = 0;
  }

  private grant(): Permit {
    this.inFlight++;
    return { inFlightAtStart: this.inFlight, epoch: this.epoch };
  }

  private drain(): void {
    while (this.heap.length > 0 && this.inFlight < this.currentLimit) {
      const next = this.pop();
      next?.resolve(this.grant());
    }
  }

  private before(a: Waiter, b: Waiter): boolean {
    return a.priority !== b.priority ? a.priority > b.priority : a.seq < b.seq;
  }

  private push(waiter: Waiter): void {
    const heap = this.heap;
    heap.push(waiter);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i] as Waiter, heap[parent] as Waiter)) break;
      [heap[i], heap[parent]] = [heap[parent] as Waiter, heap[i] as Waiter];
      i = parent;
    }
  }

  private pop(): Waiter | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < heap.length && this.before(heap[l] as Waiter, heap[best] as Waiter)) best = l;
        if (r < heap.length && this.before(heap[r] as Waiter, heap[best] as Waiter)) best = r;
        if (best === i) break;
        [heap[i], heap[best]] = [heap[best] as Waiter, heap[i] as Waiter];
        i = best;
      }
    }
    return top;
  }
}
