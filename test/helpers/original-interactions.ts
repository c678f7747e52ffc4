/**
 * Interaction dicts shaped exactly as the original Python tool's `Interaction.to_dict()` writes them
 * (its InteractionStorage without a collector): messages carry a `timestamp`; what it did not have is
 * `null` (`query_id`, `assistant_model` in single-model mode, `noisy_versions` / `semantic_noise` when
 * nothing was noised, `distractor_type` without a distractor).
 */
export type OriginalNoise = "none" | "semantic" | "legacy";

export function originalInteraction(n: number, noise: OriginalNoise = "none"): Record<string, unknown> {
  const personaId = `persona_20260131_1513${String(n % 3).padStart(2, "0")}_2a6a5780692${n % 3}`;
  const interactionId = `interaction_${personaId}_20260131_1521${String(n).padStart(2, "0")}_263293`;
  const initial = `Need a recipe for dish ${n} with exact measurements.`;
  const followup = `Can I make dish ${n} the day before?`;
  const noisyFollowup = noise === "none" ? followup : `can i make dish ${n} day before??`;
  const at = (s: number) => `2026-01-31T15:21:${String(s).padStart(2, "0")}.263361`;
  const messages = [
    {
      role: "user",
      content: initial,
      timestamp: at(1),
      metadata: { turn: 0, is_initial: true, clean_version: initial, was_noised: false },
    },
    {
      role: "assistant",
      content: `Here is dish ${n}: 200 g of flour, 2 eggs.`,
      timestamp: at(2),
      metadata: { turn: 0, model: null, provider: null },
    },
    {
      role: "user",
      content: noisyFollowup,
      timestamp: at(3),
      metadata: {
        turn: 1,
        is_followup: true,
        clean_version: followup,
        was_noised: noisyFollowup !== followup,
      },
    },
    {
      role: "assistant",
      content: "Yes, keep the dressing apart.",
      timestamp: at(4),
      metadata: { turn: 1, model: null, provider: null },
    },
  ];
  const noisyVersion =
    noise === "semantic"
      ? {
          noisy_text: noisyFollowup,
          noise_type: "surface_noise",
          noise_intensity: 1,
          applied_strategies: ["typo_misspelling"],
        }
      : { noisy_text: noisyFollowup, noise_type: "typo", noise_intensity: 0.3 };
  return {
    interaction_id: interactionId,
    persona_id: personaId,
    persona_features: { role: ["engineer", "student", "designer"][n % 3], age_band: 2534 },
    original_query: `Write a recipe for dish ${n}.`,
    initial_query: initial,
    messages,
    num_turns: 2,
    metadata: {
      created_at: at(5),
      query_id: null,
      system_prompt_used: true,
      total_messages: 4,
      conversation_ended: true,
      distractor_applied: noise !== "none",
      distractor_type: noise === "none" ? null : noise,
      noisy_versions:
        noise === "none"
          ? null
          : {
              followups: [
                {
                  clean_feedback: followup,
                  noisy_versions: [noisyVersion],
                  used_version: noisyFollowup,
                  turn: 1,
                },
              ],
            },
      semantic_noise: null,
      assistant_model: null,
    },
  };
}
