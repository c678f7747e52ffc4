// Issue 12, item 8: seed queries are assigned to the personas of a plan globally, so the
// persona↔domain match rate is as high at the end of a run as at its start.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { SeedQuery } from "../../src/query/seed-query.js";
import { assignQueries } from "../../src/query/selection.js";
import { createRng } from "../../src/rng/random.js";

const DOMAINS = ["coding", "travel", "cooking"];

function pool(size: number, domainOf: (i: number) => string | undefined, prefix = "d"): SeedQuery[] {
  return Array.from({ length: size }, (_, i) => {
    const domain = domainOf(i);
    return {
      query_id: `${prefix}:${i}`,
      text: `query ${i}`,
      source_dataset: prefix,
      ...(domain === undefined ? {} : { domain }),
      row: i + 1,
    };
  });
}

function assign(
  domains: Array<string | undefined>,
  perPersona: number,
  queries: SeedQuery[],
  strategy: "random" | "round_robin" = "random",
  reuse: SeedQuery[] = [],
) {
  return assignQueries({
    domains,
    perPersona,
    pool: queries,
    reuse,
    strategy,
    rng: createRng(1, "t", strategy),
  });
}

test("random and round robin hand each query out once, the persona's own domain first", () => {
  const queries = pool(30, (i) => DOMAINS[i % 3]);
  for (const strategy of ["random", "round_robin"] as const) {
    const out = assign(["travel", undefined, undefined], 10, queries, strategy);
    assert.ok(
      out[0]?.every((q) => q.domain === "travel"),
      strategy,
    );
    const all = out.flat().map((q) => q.query_id);
    assert.equal(all.length, 30);
    assert.equal(new Set(all).size, 30, "each query at most once");
  }
  const rr = assign([undefined, undefined], 3, queries, "round_robin");
  assert.deepEqual(
    rr.flat().map((q) => q.domain),
    ["coding", "travel", "cooking", "coding", "travel", "cooking"],
  );
});

test("the match rate is flat over the run when a domain has fewer queries than its personas want", () => {
  // 80 travel personas want 240 queries; the pool has 120 travel ones (and plenty of others).
  // Taken first-come, the first 40 personas took every match (100%) and the last 40 none (0%).
  const domains = Array.from({ length: 160 }, (_, i) => (i % 2 === 0 ? "travel" : "coding"));
  const queries = pool(600, (i) => (i < 120 ? "travel" : i < 480 ? "coding" : "cooking"));
  const out = assign(domains, 3, queries);
  const quarters = [0, 1, 2, 3].map((q) => {
    let matched = 0;
    let total = 0;
    for (let p = q * 40; p < (q + 1) * 40; p++) {
      for (const query of out[p] ?? []) {
        total++;
        if (query.domain === domains[p]) matched++;
      }
    }
    return matched / total;
  });
  const overall = quarters.reduce((a, b) => a + b) / 4;
  assert.ok(overall > 0.7, `overall match ${overall}`);
  for (const [q, rate] of quarters.entries())
    assert.ok(Math.abs(rate - overall) <= 0.02, `quarter ${q + 1}: ${rate} vs ${overall} (${quarters})`);
  assert.ok(
    out.every((queries) => queries.length === 3),
    "every persona is filled",
  );
  assert.equal(new Set(out.flat().map((q) => q.query_id)).size, 480, "each query at most once");
});

test("reuse fills what the pool cannot, never one query twice for a persona", () => {
  const fresh = pool(4, () => "travel", "fresh");
  const used = pool(6, () => "coding", "used");
  const out = assign(["travel", "travel", "coding", "coding"], 3, fresh, "random", [...fresh, ...used]);
  for (const queries of out) {
    assert.equal(queries.length, 3);
    assert.equal(new Set(queries.map((q) => q.query_id)).size, 3);
  }
  // 12 slots: the 4 fresh queries once each, then the 6 used ones, then 2 fresh ones a second time.
  const uses = new Map<string, number>();
  for (const q of out.flat()) uses.set(q.query_id, (uses.get(q.query_id) ?? 0) + 1);
  assert.ok(
    used.every((q) => uses.get(q.query_id) === 1),
    "every query earlier runs used serves once",
  );
  assert.deepEqual(fresh.map((q) => uses.get(q.query_id) ?? 0).sort(), [1, 1, 2, 2]);
});
