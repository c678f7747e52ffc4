import type { Rng } from "../rng/random.js";
import type { SeedQuery } from "./seed-query.js";

/** What a plan asks of the seed queries. */
export interface QueryAssignment {
  /** Each persona's `domain` (undefined: it has none), in plan order. */
  domains: ReadonlyArray<string | undefined>;
  perPersona: number;
  /** Queries no earlier run used: each is handed out at most once. */
  pool: readonly SeedQuery[];
  /**
   * Queries that may serve again once the pool is spent (`query_generation.allow_reuse`): the ones
   * earlier runs used, then, if still short, any query again (never twice to one persona).
   */
  reuse: readonly SeedQuery[];
  /** `random`: a seeded shuffle of the pool; `round_robin`: the pool's domains (then datasets) in turn. */
  strategy: "random" | "round_robin";
  rng: Rng;
}

/**
 * Assigns seed queries to every persona of a plan at once, in plan order: each persona's queries.
 *
 * A persona gets queries of its own `domain` first — the queries such a user would ask. Assigned
 * globally, not first-come: a domain with fewer queries than its personas want spreads them evenly
 * over those personas, so the persona↔domain match rate is the same at the end of the run as at its
 * start (taken first-come, the first personas took every match and the rate fell from 100% to about
 * half over a run). The remaining slots take the other queries in the strategy's order.
 */
export function assignQueries(request: QueryAssignment): SeedQuery[][] {
  const { domains, perPersona } = request;
  const order = ordered(request.pool, request.strategy, request.rng);
  const out: SeedQuery[][] = domains.map(() => []);
  const taken = new Set<string>();

  const queues = new Map<string, SeedQuery[]>();
  for (const query of order) {
    if (query.domain === undefined) continue;
    const queue = queues.get(query.domain) ?? [];
    queue.push(query);
    queues.set(query.domain, queue);
  }
  const personasOf = new Map<string, number[]>();
  domains.forEach((domain, i) => {
    if (domain === undefined) return;
    const list = personasOf.get(domain) ?? [];
    list.push(i);
    personasOf.set(domain, list);
  });
  for (const [domain, personas] of personasOf) {
    const queue = queues.get(domain) ?? [];
    const matched = Math.min(queue.length, personas.length * perPersona);
    let next = 0;
    personas.forEach((persona, k) => {
      // Persona k of n gets its even share of the matches: ⌊(k+1)·m/n⌋ − ⌊k·m/n⌋ (never above perPersona).
      const share =
        Math.floor(((k + 1) * matched) / personas.length) - Math.floor((k * matched) / personas.length);
      for (let j = 0; j < share; j++) {
        const query = queue[next++] as SeedQuery;
        (out[persona] as SeedQuery[]).push(query);
        taken.add(query.query_id);
      }
    });
  }

  let cursor = 0;
  for (const queries of out) {
    while (queries.length < perPersona && cursor < order.length) {
      const query = order[cursor++] as SeedQuery;
      if (taken.has(query.query_id)) continue;
      queries.push(query);
      taken.add(query.query_id);
    }
  }
  if (request.reuse.length > 0) {
    // Queries earlier runs used serve again before any query this plan already gave out.
    const again = request.reuse.filter((q) => !taken.has(q.query_id));
    const twice = request.reuse.filter((q) => taken.has(q.query_id));
    reuseFor(out, perPersona, [
      ...ordered(again, request.strategy, request.rng),
      ...ordered(twice, request.strategy, request.rng),
    ]);
  }
  return out;
}

/** Fills short personas from `again`, cycling through it; a persona never gets one query twice. */
function reuseFor(out: SeedQuery[][], perPersona: number, again: readonly SeedQuery[]): void {
  let cursor = 0;
  for (const queries of out) {
    const own = new Set(queries.map((q) => q.query_id));
    for (let tried = 0; queries.length < perPersona && tried < again.length; tried++) {
      const query = again[cursor++ % again.length] as SeedQuery;
      if (own.has(query.query_id)) continue;
      queries.push(query);
      own.add(query.query_id);
    }
  }
}

function ordered(pool: readonly SeedQuery[], strategy: "random" | "round_robin", rng: Rng): SeedQuery[] {
  return strategy === "random" ? rng.shuffle(pool.slice()) : interleaveByGroup(pool);
}

/** Round robin over domains (or datasets when rows have no domain), keeping each group's order. */
function interleaveByGroup(pool: readonly SeedQuery[]): SeedQuery[] {
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
