// Issue 15 — the noise rate table: 10,000 prompts (the bundled seed queries as three personas type
// them) through the offline Distractor per layer (the layer forced by layer_weights) and with rule
// noise; each strategy's applied rate among the prompts it could apply to vs its configured
// probability, counted from the records. Prints `measure | today | target | ok`.
import { LAYERS, type LayerName } from "../../src/noise/strategy-config.js";
import { BUNDLED_STRATEGIES, noiseRecords, offlineDistractor } from "../../test/noise/distractor-helpers.js";
import { type Measure, printTable } from "./_table.js";

const PROMPTS = 10_000;
const RULES = [
  { name: "misspelling", probability: 0.3, intensity: 0.2 },
  { name: "word_swap", probability: 0.2, intensity: 0.1 },
  { name: "filler", probability: 0.4, intensity: 0.3 },
  { name: "punctuation", probability: 0.5 },
];

type Row = { name: string; configured: number; applicable: number; rate: number };

async function rows(
  raw: Record<string, unknown>,
  file: typeof BUNDLED_STRATEGIES,
  names: Array<[string, number]>,
): Promise<Row[]> {
  const records = await noiseRecords(offlineDistractor(raw, file), PROMPTS);
  return names.map(([name, configured]) => {
    const applicable = records.filter(({ v }) => !(v.skipped_strategies ?? []).includes(name));
    const applied = applicable.filter(({ v }) => v.applied_strategies.includes(name)).length;
    return { name, configured, applicable: applicable.length, rate: applied / applicable.length };
  });
}

function measure(what: string, table: Row[]): Measure {
  const worst = Math.max(...table.map((r) => Math.abs(r.rate - r.configured)));
  return {
    measure: what,
    today: `${table.map((r) => `${r.name} ${(100 * r.rate).toFixed(1)}% vs ${(100 * r.configured).toFixed(0)}% (n ${r.applicable})`).join("; ")}; worst ${(100 * worst).toFixed(1)} points`,
    target: "each within ±2 points",
    ok: worst <= 0.02,
  };
}

/** Runs the table; returns the number of measures that miss. */
export async function run(): Promise<number> {
  const started = performance.now();
  const measures: Measure[] = [];
  for (const layer of LAYERS) {
    const weights = Object.fromEntries(LAYERS.map((l) => [l, l === layer ? 1 : 0])) as Record<
      LayerName,
      number
    >;
    const strategies = BUNDLED_STRATEGIES.strategies[layer];
    const names = Object.entries(strategies).map(([n, s]): [string, number] => [
      n,
      s.mandatory ? 1 : (s.probability ?? 0),
    ]);
    const table = await rows(
      { distractor: { activation_probability: 1 } },
      { ...BUNDLED_STRATEGIES, layer_weights: weights },
      names,
    );
    measures.push(
      measure(
        `${PROMPTS.toLocaleString("en")} prompts, ${layer}: applied vs configured given applicability`,
        table,
      ),
    );
  }
  const rules = await rows(
    { distractor: { activation_probability: 1, use_semantic: false, noise_strategies: RULES } },
    BUNDLED_STRATEGIES,
    RULES.map((r) => [r.name, r.probability]),
  );
  measures.push(
    measure(
      `${PROMPTS.toLocaleString("en")} prompts, rule noise: applied vs configured given applicability`,
      rules,
    ),
  );
  const missed = printTable(measures);
  console.log(
    `\n(${4 * PROMPTS} prompts in ${((performance.now() - started) / 1000).toFixed(0)} s, shared loaded machine)`,
  );
  return missed;
}
