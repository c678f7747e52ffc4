// `npm run bench -- cost`: what a fixed run costs at list prices, realtime vs batch vs batch + prompt
// caching, in dollars per 1,000 samples (target: batch + caching ≤ 0.45 × realtime without caching).
// 200 conversations (50 personas × 4 queries, 2–5 turns, system prompts and style transfer on, no LLM
// noise) on gpt-4.1-mini at its list prices ($0.40 input, $0.10 cached input, $1.60 output per
// million tokens; batch: half). The fake server counts tokens with o200k_base, answers at the lengths
// real answers typically have (test/helpers/typical-replies.ts), and reports prompt caching as
// OpenAI does (prefixes of 1,024+ tokens sent before) in the runs that have it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { EnhancedPersonaGenerationPipeline } from "../src/pipeline/pipeline.js";
import { startFakeLlmServer } from "../test/helpers/fake-llm-server.js";
import { typicalReply } from "../test/helpers/typical-replies.js";
import { fmt } from "./_harness.js";

const MODEL = "gpt-4.1-mini";
const PRICES = { [MODEL]: { input: 0.4, cached_input: 0.1, output: 1.6, batch_factor: 0.5 } };

interface Scenario {
  name: string;
  batch: boolean;
  caching: boolean;
}

async function cost(scenario: Scenario) {
  const server = await startFakeLlmServer({
    reply: typicalReply,
    countTokens,
    promptCache: scenario.caching,
    batchLatencyMs: 5,
  });
  const out = mkdtempSync(join(tmpdir(), "bench-cost-"));
  const config = {
    api: { provider: "fake", model: MODEL },
    providers: { fake: { base_url: `${server.url}/v1`, api_key: "sk-bench" } },
    query_generation: { selection: { queries_per_persona: 4 } },
    distractor: { enabled: false },
    interaction_generation: { min_turns: 2, max_turns: 5 },
    training_data: { split_on_export: false },
    experiment: { seed: 17 },
    llm: { prices: PRICES, batch: { enabled: scenario.batch, poll_ms: 5, max_poll_ms: 20, quiet_ms: 30 } },
  };
  try {
    const result = await new EnhancedPersonaGenerationPipeline(config, { out, env: {} }).run({
      numPersonas: 50,
    });
    const s = result.summary;
    return {
      perThousand: (s.cost_usd / result.training_data.total_samples) * 1000,
      line: `${result.training_data.total_samples} samples, ${s.api_calls} calls, ${s.input_tokens} input tokens (${s.cached_input_tokens} cached), ${s.output_tokens} output; $${fmt(s.cost_usd, 4)}`,
    };
  } finally {
    await server.close();
    rmSync(out, { recursive: true, force: true });
  }
}

const scenarios: Scenario[] = [
  { name: "realtime, no caching", batch: false, caching: false },
  { name: "realtime + caching", batch: false, caching: true },
  { name: "batch, no caching", batch: true, caching: false },
  { name: "batch + caching", batch: true, caching: true },
];
const figures = new Map<string, number>();
for (const scenario of scenarios) {
  const { perThousand, line } = await cost(scenario);
  figures.set(scenario.name, perThousand);
  console.log(`cost ${scenario.name}: $${fmt(perThousand, 3)} per 1,000 samples (${line})`);
}
const base = figures.get("realtime, no caching") as number;
for (const scenario of scenarios.slice(1))
  console.log(
    `cost ${scenario.name} / realtime without caching: ${fmt((figures.get(scenario.name) as number) / base)}`,
  );
console.log(
  `cost batch + caching: ${fmt((figures.get("batch + caching") as number) / base)} × realtime without caching (target ≤ 0.45)`,
);
