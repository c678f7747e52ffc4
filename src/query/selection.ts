import type { Rng } from "../rng/random.js";
import type { SeedQuery } from "./seed-query.js";

/**
 * Hands out seed queries, each at most once. `random` walks a seeded shuffle of the pool;
 * `round_robin` cycles through the pool's domains (then datasets) so every domain gets its turn.
 * Either way a persona first gets queries of its own `domain` when the pool has some: the queries such
 * a user would ask. Every pick is O(1) amortised: per-domain queues and one global order with cursors,
 * taken queries skipped lazily — never a scan of the pool.
 */
export class QuerySelector {
  private readonly order: SeedQuery[];
  private readonly byDomain = new Map<string, { queue: SeedQuery[]; cursor: number }>();
  private readonly taken = new Set<string>();
  private cursor = 0;

  constructor(pool: readonly SeedQuery[], strategy: "random" | "round_robin", rng: Rng) {
    const available = pool.slice();
    this.order = strategy === "random" ? rng.shuffle(available) : interleaveByGroup(available);
    for (const query of this.order) {
      const domain = query.domain;
      if (domain === undefined) continue;
      let entry = this.byDomain.get(domain);
      if (!entry) {
        entry = { queue: [], cursor: 0 };
        this.byDomain.set(domain, entry);
      }
      entry.queue.push(query);
    }
  }

  /** Queries not handed out yet. */
  get remaining(): number {
    return this.order.length - this.taken.size;
  }

  /** Up to `count` unused queries, preferring `domain`. */
  take(count: number, domain: string | undefined): SeedQuery[] {
    const out: SeedQuery[] = [];
    const preferred = domain === undefined ? undefined : this.byDomain.get(domain);
    while (out.length < count && preferred && preferred.cursor < preferred.queue.length) {
      const query = preferred.queue[preferred.cursor++] as SeedQuery;
      if (this.claim(query)) out.push(query);
    }
    while (out.length < count && this.cursor < this.order.length) {
      const query = this.order[this.cursor++] as SeedQuery;
      if (this.claim(query)) out.push(query);
    }
    return out;
  }

  private claim(query: SeedQuery): boolean {
    if (this.taken.has(query.query_id)) return false;
    this.taken.add(query.query_id);
    return true;
  }
}

/** Round robin over domains (or datasets when rows have no domain), keeping each group's order. */
function interleaveByGroup(pool: SeedQuery[]): SeedQuery[] {
  const groups = new Map<string, SeedQuery[]>();
  for (const query of pool) {
    const key = query.domain ?? query.source_dataset;
    let group = groups.get(key);
    if (!group) {
      group = [];
      groups.set(key, group);
    }
    group.push(query);
  }
  const lists = [...groups.values()];
  const out: SeedQuery[] = [];
  for (let i = 0; out.length < pool.length; i++) {
    for (const list of lists) if (i < list.length) out.push(list[i] as SeedQuery);
  }
  return out;
}
