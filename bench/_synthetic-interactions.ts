// Synthetic interaction records for the export bench: the shape the pipeline stores (2–4 turns,
// persona features, noise with rule edits), seeded, about 4 KB each.
import { InteractionStorage } from "../src/interaction/storage.js";
import { createRng, type Rng } from "../src/rng/random.js";

const PER_PERSONA = 3;

const WORDS =
  "the a to of and for with on my our this that project report email plan budget code python query deadline team client meeting data table chart error test deploy server user price trip hotel recipe workout essay draft summary review schedule invoice contract design model".split(
    " ",
  );
const ROLES = [
  "software_engineer",
  "student",
  "teacher",
  "lawyer",
  "nurse",
  "designer",
  "manager",
  "retiree",
];
const TONES = ["casual", "formal", "friendly", "neutral", "terse"];
const STRATEGIES = [
  "typo_misspelling",
  "char_drop",
  "keyboard_typo",
  "casing",
  "vague_slot_values",
  "missing_slots",
];

function words(rng: Rng, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(WORDS[rng.int(WORDS.length)] as string);
  return out.join(" ");
}

/** An interaction record as the pipeline stores it: 2–4 turns, persona, noise with rule edits. */
export function syntheticInteraction(i: number): Record<string, unknown> {
  const rng = createRng(7, `bench-${i}`, "export-bench");
  const persona = Math.floor(i / PER_PERSONA);
  const turns = rng.intBetween(2, 4);
  const messages: Array<Record<string, unknown>> = [];
  const followups: Array<Record<string, unknown>> = [];
  const initial = `${words(rng, 14)} (case ${i})?`;
  for (let t = 0; t < turns; t++) {
    const clean = t === 0 ? initial : `${words(rng, 9)} please`;
    const noised = rng.chance(0.3);
    const content = noised ? clean.replace(/e/, "") : clean;
    messages.push({
      role: "user",
      content,
      metadata: {
        turn: t,
        ...(t === 0 ? { is_initial: true } : { is_followup: true }),
        clean_version: clean,
        was_noised: noised,
      },
    });
    messages.push({
      role: "assistant",
      content: `${words(rng, 60)}. ${words(rng, 40)}.`,
      metadata: { turn: t, model: "bench-model", provider: "bench" },
    });
    if (t > 0 && noised) {
      followups.push({
        turn: t,
        clean_feedback: clean,
        noisy_versions: [
          {
            noisy_text: content,
            noise_type: "surface_noise",
            noise_intensity: 0.25,
            applied_strategies: ["char_drop"],
            layer: "surface_noise",
            edits: [{ strategy: "char_drop", position: clean.indexOf("e"), before: "e", after: "" }],
          },
        ],
        used_version: content,
      });
    }
  }
  const strategy = STRATEGIES[rng.int(STRATEGIES.length)] as string;
  return {
    interaction_id: `interaction_${i.toString(16).padStart(16, "0")}`,
    persona_id: `persona_${persona.toString(16).padStart(16, "0")}`,
    persona_features: {
      role: ROLES[persona % ROLES.length],
      tone_pref: TONES[persona % TONES.length],
      seniority: ["junior", "mid", "senior"][persona % 3],
      age_band: ["18_24", "25_34", "35_44", "45_64"][persona % 4],
      tech_proficiency: ["basic", "intermediate", "expert"][persona % 3],
    },
    original_query: `Please help: ${words(rng, 12)}.`,
    initial_query: initial,
    messages,
    num_turns: turns,
    metadata: {
      query_id: `bench:${i}`,
      termination_reason: rng.chance(0.7) ? "satisfied" : "max_turns",
      assistant_model: { provider: "bench", model: "bench-model" },
      distractor_applied: true,
      created_at: "2026-11-25T12:00:00.000Z",
      noisy_versions: {
        initial_query: {
          clean_query: initial,
          noisy_versions: [
            {
              noisy_text: initial.replace(/a/, "s"),
              noise_type: "surface_noise",
              noise_intensity: 0.25,
              applied_strategies: [strategy],
              layer: "surface_noise",
              edits: [{ strategy, position: initial.indexOf("a"), before: "a", after: "s" }],
            },
          ],
        },
        followups,
      },
    },
  };
}

/** Writes `count` synthetic interactions into a store through InteractionStorage. */
export async function buildSyntheticStore(dir: string, count: number): Promise<void> {
  const storage = new InteractionStorage(dir);
  const chunk = 20_000;
  for (let start = 0; start < count; start += chunk) {
    const records = [];
    for (let i = start; i < Math.min(count, start + chunk); i++) records.push(syntheticInteraction(i));
    await storage.saveAll(records);
  }
  await storage.close();
}
