import { join } from "node:path";
import { test } from "node:test";
import { type OfflineChatMessage, offlineAssistantReply } from "../../src/llm/offline/assistant-reply.js";
import { personaTraits } from "../../src/llm/offline/persona-traits.js";
import { offlineUserTurn } from "../../src/llm/offline/user-simulator.js";
import { offlineExtractIntent, offlineSemanticNoise } from "../../src/noise/semantic-offline.js";
import { type LayerName, loadStrategyFile } from "../../src/noise/strategy-config.js";
import { createRng } from "../../src/rng/random.js";
import { ROOT } from "../helpers/paths.js";
import { PERSONAS, seedQueries } from "./fixtures.js";

// Micro-benchmark, no assertions: prints the cost per call of each offline generator (10,000 calls
// each, in five rounds) so a regression
// is visible. Targets on the development machine: assistant reply < 30 µs, user turn < 15 µs,
// semantic noise < 30 µs. Wall time suffers when the machine is shared; CPU time is the steadier one.

const ROUNDS = 5;
const CALLS_PER_ROUND = 2_000; // 10,000 measured calls in all
const WARMUP = 3_000;

interface Timing {
  /** The fastest round, µs per call: the least disturbed by other processes on a shared machine. */
  best: number;
  /** The median round, µs per call. */
  median: number;
  /** Process CPU time over all rounds, µs per call (includes GC and compiler threads). */
  cpu: number;
}

function measure(fn: (i: number) => unknown): Timing {
  // Results are kept alive through `sink` so the engine cannot drop a call whose result is unused.
  let sink = 0;
  for (let i = 0; i < WARMUP; i++) sink += fn(i) === undefined ? 0 : 1;
  const rounds: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < CALLS_PER_ROUND; i++) sink += fn(r * CALLS_PER_ROUND + i) === undefined ? 0 : 1;
    rounds.push(Number(process.hrtime.bigint() - t0) / 1000 / CALLS_PER_ROUND);
  }
  const cpu = process.cpuUsage(cpu0);
  if (sink < 0) throw new Error("unreachable");
  rounds.sort((x, y) => x - y);
  return {
    best: rounds[0] as number,
    median: rounds[Math.floor(ROUNDS / 2)] as number,
    cpu: (cpu.user + cpu.system) / (ROUNDS * CALLS_PER_ROUND),
  };
}

test("micro-benchmark: µs per call of the offline generators", (t) => {
  const queries = seedQueries();
  const file = loadStrategyFile(join(ROOT, "data/distractor_strategy.yaml"));
  const rng = createRng(1, "bench", "bench");
  const system =
    "You are helping a senior software engineer in a hurry. Keep answers concise and technical, use numbered steps and include code when it helps. Skip the basics.";
  const features = PERSONAS.blunt_expert_in_a_rush!;
  const traits = personaTraits(features);
  const replies = queries
    .slice(0, 64)
    .map((q) =>
      offlineAssistantReply({ messages: [{ role: "user", content: q }], model: "offline-v1" }, rng),
    );
  const followUps = [
    "can you explain step 2 in more detail?",
    "too long, just the command",
    "what does that mean?",
    "ok, what's next?",
  ];
  const semantic = [
    "missing_slots",
    "vague_slot_values",
    "context_dependency",
    "unclear_priority",
    "multi_intent",
    "intent_ambiguity",
    "self_contradiction",
    "mind_changing",
  ];
  const surface = [
    "colloquial_speech",
    "typo_misspelling",
    "punctuation_format",
    "synonym_rewrite",
    "real_life_fragments",
  ];
  const q = (i: number): string => queries[i % queries.length] as string;

  const rows: Array<[string, Timing]> = [
    [
      "assistant reply (system + first message)",
      measure((i) =>
        offlineAssistantReply(
          {
            messages: [
              { role: "system", content: system },
              { role: "user", content: q(i) },
            ],
            model: "offline-v1",
          },
          rng,
        ),
      ),
    ],
    [
      "assistant reply (follow-up turn)",
      measure((i) => {
        const messages: OfflineChatMessage[] = [
          { role: "system", content: system },
          { role: "user", content: q(i % 64) },
          { role: "assistant", content: replies[i % 64] as string },
          { role: "user", content: followUps[i % followUps.length] as string },
        ];
        return offlineAssistantReply({ messages, model: "offline-v1" }, rng);
      }),
    ],
    [
      "user turn (features)",
      measure((i) =>
        offlineUserTurn(
          {
            features,
            history: [
              { role: "user", content: q(i % 64) },
              { role: "assistant", content: replies[i % 64] as string },
            ],
            lastReply: replies[i % 64] as string,
            currentTurn: 1 + (i % 3),
            targetTurns: 3,
          },
          rng,
        ),
      ),
    ],
    [
      "user turn (traits read once per conversation)",
      measure((i) =>
        offlineUserTurn(
          {
            features,
            traits,
            history: [
              { role: "user", content: q(i % 64) },
              { role: "assistant", content: replies[i % 64] as string },
            ],
            lastReply: replies[i % 64] as string,
            currentTurn: 1 + (i % 3),
            targetTurns: 3,
          },
          rng,
        ),
      ),
    ],
    [
      "semantic noise, incomplete/ambiguity (features)",
      measure((i) =>
        offlineSemanticNoise(
          {
            text: q(i),
            layer: (i % 2 === 0 ? "incomplete_info" : "semantic_ambiguity") as LayerName,
            strategies: [semantic[i % semantic.length] as string],
            strategyFile: file,
            features,
          },
          rng,
        ),
      ),
    ],
    [
      "semantic noise, incomplete/ambiguity (traits)",
      measure((i) =>
        offlineSemanticNoise(
          {
            text: q(i),
            layer: (i % 2 === 0 ? "incomplete_info" : "semantic_ambiguity") as LayerName,
            strategies: [semantic[i % semantic.length] as string],
            strategyFile: file,
            traits,
          },
          rng,
        ),
      ),
    ],
    [
      "semantic noise, surface via rules (traits)",
      measure((i) =>
        offlineSemanticNoise(
          {
            text: q(i),
            layer: "surface_noise",
            strategies: [surface[i % surface.length] as string, surface[(i + 2) % surface.length] as string],
            strategyFile: file,
            traits,
          },
          rng,
        ),
      ),
    ],
    ["extract intent", measure((i) => offlineExtractIntent(q(i)))],
    [
      "personaTraits (for reference)",
      measure((i) => personaTraits(i % 2 === 0 ? features : { ...features }).formality),
    ],
  ];
  const cell = (x: number): string => x.toFixed(2).padStart(9);
  const lines = rows.map(([name, r]) => `${name.padEnd(48)}${cell(r.best)}${cell(r.median)}${cell(r.cpu)}`);
  const header = `${"µs per call".padEnd(48)}${"best".padStart(9)}${"median".padStart(9)}${"cpu".padStart(9)}`;
  t.diagnostic(`\n${header}\n${lines.join("\n")}`);
});
