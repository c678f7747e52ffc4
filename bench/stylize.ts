// `npm run bench -- stylize`: the offline rule-based style transfer, one call at a time, over the 548
// bundled seed queries × the five contrasting test personas (full and partial prompts), single thread.
// Prints median and p95 µs per call. Target: median ≤ 30 µs.
import { stylizeQuery } from "../src/offline/style/stylize.js";
import { createRng, type Rng } from "../src/rng/random.js";
import { PERSONAS, seedQueries } from "../test/offline/fixtures.js";
import { fmt } from "./_harness.js";

const TARGET_MEDIAN_US = 30;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const queries = seedQueries();
const personas = Object.entries(PERSONAS);
const promptTypes = ["full", "partial"] as const;

interface Case {
  label: string;
  persona: string;
  query: string;
  features: (typeof personas)[number][1];
  promptType: (typeof promptTypes)[number];
}
const cases: Case[] = [];
for (const q of queries)
  for (const [name, features] of personas)
    for (const promptType of promptTypes)
      cases.push({
        label: `${q.id}:${name}:${promptType}`,
        persona: name,
        query: q.query,
        features,
        promptType,
      });

// Calls are timed one by one, in a shuffled order: repeating one case back to back would keep its
// regexes and strings hot in V8's caches and hide the cost a pipeline (which never repeats a query) pays.
const order = createRng(7, "bench", "stylize-order");
const samples: number[] = [];
const byPersona = new Map<string, number[]>(personas.map(([name]) => [name, []]));
for (let round = -1; round < ROUNDS; round++) {
  const indices = order.shuffle(cases.map((_, i) => i));
  const rngs = indices.map((i) => createRng(round, cases[i]?.label ?? "", "bench-stylize"));
  indices.forEach((i, n) => {
    const c = cases[i] as Case;
    const rng = rngs[n] as Rng;
    const start = performance.now();
    stylizeQuery({ query: c.query, features: c.features, promptType: c.promptType }, rng);
    const us = (performance.now() - start) * 1000;
    if (round < 0) return; // warm-up round: every code path once, outside the measurement
    samples.push(us);
    byPersona.get(c.persona)?.push(us);
  });
}

const quantile = (values: readonly number[], q: number): number => {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};
const median = quantile(samples, 0.5);
const mean = samples.reduce((sum, us) => sum + us, 0) / samples.length;

console.log(
  `stylizeQuery: ${queries.length} queries × ${personas.length} personas × ${promptTypes.length} prompt types = ${cases.length} cases, ${ROUNDS} rounds of single timed calls in shuffled order`,
);
console.log(
  `  median ${fmt(median, 1)} µs   p95 ${fmt(quantile(samples, 0.95), 1)} µs   p99 ${fmt(quantile(samples, 0.99), 1)} µs   mean ${fmt(mean, 1)} µs`,
);
console.log(`  median ÷ target (${TARGET_MEDIAN_US} µs) = ${fmt(median / TARGET_MEDIAN_US, 2)} (target ≤ 1)`);
console.log(
  `  by persona (median / p95 µs): ${[...byPersona]
    .map(([name, values]) => `${name} ${fmt(quantile(values, 0.5), 1)} / ${fmt(quantile(values, 0.95), 1)}`)
    .join(", ")}`,
);
