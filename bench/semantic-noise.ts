// `npm run bench -- semantic-noise`: the offline semantic distractor, one call at a time, on realistic
// user texts: the bundled seed queries as written, the same queries style-transferred for several
// personas, and follow-up messages of offline conversations. Prints median and p95 µs per call for
// intent extraction and for the noise step of each layer (strategies drawn as the Distractor draws
// them, the extracted semantics passed along as the pipeline does). Targets: extract ≤ 10 µs,
// noise ≤ 25 µs median per call in each layer.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chooseStrategies } from "../src/noise/layer-selection.js";
import { offlineExtractIntent, offlineSemanticNoise } from "../src/noise/semantic/offline.js";
import { LAYERS, type LayerName, loadStrategyFile } from "../src/noise/strategy-config.js";
import { offlineAssistantReply } from "../src/offline/assistant/assistant-reply.js";
import { stylizeQuery } from "../src/offline/style/stylize.js";
import { offlineUserTurn } from "../src/offline/user/user-simulator.js";
import { createRng } from "../src/rng/random.js";

const TARGET_EXTRACT_US = 10;
const TARGET_NOISE_US = 25;
const ROUNDS = 7;

const root = join(fileURLToPath(new URL(".", import.meta.url)), "..");
const file = loadStrategyFile(join(root, "data/distractor_strategy.yaml"));
const seeds = readFileSync(join(root, "data/seed_queries.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map((line) => (JSON.parse(line) as { query: string }).query);

type Features = Record<string, string | number | boolean | null>;
const PERSONAS: readonly Features[] = [
  {
    role: "student",
    age_band: "under_18",
    formality_level: "very_casual",
    tone_pref: "playful",
    emoji_use: "frequent",
    query_length_pref: "short",
  },
  {
    role: "lawyer",
    formality_level: "very_formal",
    tone_pref: "formal",
    politeness: "polite",
    emoji_use: "never",
    query_length_pref: "long",
  },
  {
    role: "software_engineer",
    seniority: "senior",
    tech_proficiency: "expert",
    tone_pref: "blunt",
    politeness: "curt",
    formality_level: "casual",
    time_sensitivity: "critical",
    query_length_pref: "very_short",
  },
  {
    role: "retiree",
    age_band: "65_plus",
    politeness: "very_polite",
    tone_pref: "warm",
    formality_level: "neutral",
    query_length_pref: "medium",
  },
];

interface Sample {
  text: string;
  features: Features;
}

/** Seed queries as written, style-transferred, and follow-up messages of offline conversations. */
function corpus(): Sample[] {
  const out: Sample[] = [];
  seeds.forEach((query, i) => {
    const features = PERSONAS[i % PERSONAS.length] as Features;
    out.push({ text: query, features });
    const styled = stylizeQuery({ query, features }, createRng(1, `q${i}`, "style")).adapted_query;
    out.push({ text: styled, features });
    if (i % 2 === 0) {
      const rng = createRng(1, `q${i}`, "conversation");
      const reply = offlineAssistantReply({ messages: [{ role: "user", content: styled }], model: "m" }, rng);
      const turn = offlineUserTurn(
        {
          features,
          history: [
            { role: "user", content: styled },
            { role: "assistant", content: reply },
          ],
          lastReply: reply,
          currentTurn: 1,
          targetTurns: 3,
        },
        rng,
      );
      if (turn.feedback !== null && turn.feedback.trim() !== "") out.push({ text: turn.feedback, features });
    }
  });
  return out;
}

const samples = corpus();
let sink = 0;

/** Per-call times in µs over `ROUNDS` passes (after one warm-up pass), sorted. */
function time(call: (i: number) => unknown): Float64Array {
  for (let i = 0; i < samples.length; i++) sink += call(i) === undefined ? 0 : 1;
  const times = new Float64Array(samples.length * ROUNDS);
  let k = 0;
  for (let r = 0; r < ROUNDS; r++) {
    for (let i = 0; i < samples.length; i++) {
      const t0 = process.hrtime.bigint();
      const out = call(i);
      const t1 = process.hrtime.bigint();
      sink += out === undefined ? 0 : 1;
      times[k++] = Number(t1 - t0) / 1000;
    }
  }
  return times.sort();
}

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

const rows: Array<[string, Float64Array, number]> = [];
rows.push([
  "extract intent",
  time((i) => offlineExtractIntent((samples[i] as Sample).text)),
  TARGET_EXTRACT_US,
]);

for (const layer of LAYERS) {
  const available = file.strategies[layer];
  const chances = Object.fromEntries(
    Object.entries(available).map(([name, s]) => [
      name,
      { probability: s.probability ?? 0, mandatory: s.mandatory },
    ]),
  );
  const chosen = samples.map((_, i) =>
    chooseStrategies(chances, createRng(1, `item${i}`, `${layer}:strategies`)),
  );
  // The stream is created outside the timed call, as the LLM service does before `op.offline`.
  const rngs = samples.map((_, i) => createRng(1, `item${i}`, layer));
  const reset = (): void => {
    for (let i = 0; i < samples.length; i++) rngs[i] = createRng(1, `item${i}`, layer);
  };
  let round = 0;
  const times = time((i) => {
    if (i === 0 && round++ > 0) reset();
    const sample = samples[i] as Sample;
    return offlineSemanticNoise(
      {
        text: sample.text,
        layer: layer as LayerName,
        strategies: chosen[i] as string[],
        strategyFile: file,
        features: sample.features,
      },
      rngs[i] as ReturnType<typeof createRng>,
    );
  });
  rows.push([`noise: ${layer}`, times, TARGET_NOISE_US]);
}

const words = samples.map((s) => s.text.split(/\s+/).length).sort((a, b) => a - b);
console.log(
  `semantic distractor (offline): ${samples.length} texts (${seeds.length} seed queries, as written and ` +
    `style-transferred, plus follow-ups), ${words[0]}–${words[words.length - 1]} words, ` +
    `median ${words[Math.floor(words.length / 2)]}; ${ROUNDS} rounds, one call at a time`,
);
console.log(
  `${"µs per call".padEnd(28)}${"median".padStart(9)}${"p95".padStart(9)}${"mean".padStart(9)}  ratio to target`,
);
for (const [name, times, target] of rows) {
  const median = quantile(times, 0.5);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(
    `${name.padEnd(28)}${median.toFixed(2).padStart(9)}${quantile(times, 0.95).toFixed(2).padStart(9)}` +
      `${mean.toFixed(2).padStart(9)}  ${(target / median).toFixed(2)}× (target ≤ ${target} µs median)`,
  );
}
if (sink === 0) console.log("(no output)");
