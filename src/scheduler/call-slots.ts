import { AdaptiveLimiter, type LevelSnapshot } from "./limiter.js";

/** A granted slot: release it exactly once. */
export interface Permit {
  readonly lane: Lane;
  /** The adaptive level's state when the call started: what a 429 of this call is judged by. */
  readonly snapshot: LevelSnapshot;
}

interface Waiter {
  priority: number;
  seq: number;
  resolve: (permit: Permit) => void;
}

/**
 * The calls of one model on one endpoint: their queue, the levels they count against (the run, the
 * endpoint, the model when it has its own limit) and the level a 429 of theirs is charged to (the
 * model's own limit when it has one, else the endpoint's: models on one endpoint share its slots).
 */
export class Lane {
  readonly queue: Waiter[] = [];

  constructor(
    readonly levels: readonly AdaptiveLimiter[],
    readonly adaptive: AdaptiveLimiter,
  ) {}

  /** True when every level has room for one more call. */
  fits(): boolean {
    for (const level of this.levels) if (!level.hasRoom) return false;
    return true;
  }
}

/** What CallSlots enforces: the run's total and each endpoint's limit (see concurrency-plan.ts). */
export interface SlotLimits {
  total: number;
  /** Endpoint key (normalised base URL) → its limit. */
  endpoints: ReadonlyMap<string, number>;
}

/**
 * The run's call slots, in three levels: at most `total` calls in flight for the run, at most an
 * endpoint's limit on each endpoint (shared by every model it serves; adaptive on 429), and at most a
 * model's own limit when one is configured. Waiting calls are served by priority (higher first), then
 * first come first served, across every model: a call is never held back by one of a model whose
 * endpoint is full.
 */
export class CallSlots {
  private readonly run: AdaptiveLimiter;
  private readonly endpoints = new Map<string, AdaptiveLimiter>();
  private readonly lanes = new Map<string, Lane>();
  /** Lanes with calls waiting. */
  private readonly queued = new Set<Lane>();
  private waitingCount = 0;
  private seq = 0;

  constructor(limits: SlotLimits) {
    this.run = new AdaptiveLimiter(limits.total);
    for (const [key, limit] of limits.endpoints) this.endpoints.set(key, new AdaptiveLimiter(limit));
  }

  /** The lane of a model on an endpoint; `modelLimit` gives the model slots of its own. */
  lane(endpoint: string, model: string, modelLimit?: number): Lane {
    const key = `${endpoint}\n${model}`;
    let lane = this.lanes.get(key);
    if (!lane) {
      let shared = this.endpoints.get(endpoint);
      if (!shared) {
        shared = new AdaptiveLimiter(this.run.max);
        this.endpoints.set(endpoint, shared);
      }
      if (modelLimit === undefined) {
        lane = new Lane([this.run, shared], shared);
      } else {
        const own = new AdaptiveLimiter(Math.min(modelLimit, shared.max));
        lane = new Lane([this.run, shared, own], own);
      }
      this.lanes.set(key, lane);
    }
    return lane;
  }

  /** Calls in flight, calls waiting, and the limit the run can use now (its total, or less when the
   *  endpoints' current limits add up to less). */
  get load(): { active: number; waiting: number; limit: number } {
    let endpointRoom = 0;
    for (const level of this.endpoints.values()) endpointRoom += level.currentLimit;
    return {
      active: this.run.active,
      waiting: this.waitingCount,
      limit: Math.min(this.run.currentLimit, endpointRoom),
    };
  }

  /** A slot now, when the lane's levels all have room and nobody waits; else undefined. */
  tryAcquire(lane: Lane): Permit | undefined {
    return this.waitingCount === 0 && lane.fits() ? this.grant(lane) : undefined;
  }

  /** Resolves when the lane's levels all have room and no better waiter is ahead. */
  acquire(lane: Lane, priority = 0): Promise<Permit> {
    const now = this.tryAcquire(lane);
    if (now) return Promise.resolve(now);
    return new Promise<Permit>((resolve) => {
      push(lane.queue, { priority, seq: this.seq++, resolve });
      this.queued.add(lane);
      this.waitingCount++;
      this.drain();
    });
  }

  /** Frees a slot and wakes the waiters that now fit. */
  release(permit: Permit): void {
    for (const level of permit.lane.levels) level.give();
    this.drain();
  }

  onSuccess(permit: Permit): void {
    permit.lane.adaptive.onSuccess();
  }

  /** A 429: the lane's adaptive level lowers its limit (see AdaptiveLimiter). */
  onRateLimited(permit: Permit): void {
    permit.lane.adaptive.onRateLimited(permit.snapshot);
  }

  private grant(lane: Lane): Permit {
    let snapshot: LevelSnapshot | undefined;
    for (const level of lane.levels) {
      const taken = level.take();
      if (level === lane.adaptive) snapshot = taken;
    }
    return { lane, snapshot: snapshot as LevelSnapshot };
  }

  private drain(): void {
    while (this.waitingCount > 0 && this.run.hasRoom) {
      let best: Lane | undefined;
      for (const lane of this.queued) {
        if (!lane.fits()) continue;
        if (!best || before(lane.queue[0] as Waiter, best.queue[0] as Waiter)) best = lane;
      }
      if (!best) return;
      const next = pop(best.queue) as Waiter;
      if (best.queue.length === 0) this.queued.delete(best);
      this.waitingCount--;
      next.resolve(this.grant(best));
    }
  }
}

function before(a: Waiter, b: Waiter): boolean {
  return a.priority !== b.priority ? a.priority > b.priority : a.seq < b.seq;
}

/** Binary heap ordered by `before`. */
function push(heap: Waiter[], waiter: Waiter): void {
  heap.push(waiter);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i] as Waiter, heap[parent] as Waiter)) break;
    [heap[i], heap[parent]] = [heap[parent] as Waiter, heap[i] as Waiter];
    i = parent;
  }
}

function pop(heap: Waiter[]): Waiter | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length > 0 && last) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < heap.length && before(heap[l] as Waiter, heap[best] as Waiter)) best = l;
      if (r < heap.length && before(heap[r] as Waiter, heap[best] as Waiter)) best = r;
      if (best === i) break;
      [heap[i], heap[best]] = [heap[best] as Waiter, heap[i] as Waiter];
      i = best;
    }
  }
  return top;
}
