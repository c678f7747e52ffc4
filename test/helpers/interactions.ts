import type { InteractionInput } from "../../src/interaction/record.js";

/** Builds a realistic Interaction record for tests: `turns` user/assistant exchanges. */
export function makeInteraction(
  n: number,
  options: { personaId?: string; role?: string; turns?: number; noisy?: boolean; reason?: string } = {},
): InteractionInput {
  const turns = options.turns ?? 2;
  const personaId = options.personaId ?? `persona_${String(n % 7).padStart(4, "0")}`;
  const initial = `hey can u help me with task ${n}`;
  const messages: InteractionInput["messages"] = [];
  for (let t = 0; t < turns; t++) {
    const clean = t === 0 ? initial : `follow-up ${t} for task ${n}`;
    const noised = options.noisy && t === 1;
    messages.push({
      role: "user",
      content: noised ? `folow-up ${t} for task ${n}` : clean,
      metadata: {
        turn: t,
        ...(t === 0 ? { is_initial: true } : { is_followup: true }),
        clean_version: clean,
        was_noised: Boolean(noised),
      },
    });
    messages.push({
      role: "assistant",
      content: `answer ${t} to task ${n}`,
      metadata: { turn: t, model: "m1", provider: "offline" },
    });
  }
  return {
    interaction_id: `interaction_${n.toString(16).padStart(16, "0")}`,
    persona_id: personaId,
    persona_features: {
      role: options.role ?? ["engineer", "student", "designer"][n % 3]!,
      tone_pref: "casual",
    },
    original_query: `Please help me with task ${n}.`,
    initial_query: initial,
    messages,
    num_turns: turns,
    metadata: {
      query_id: `bank:q${n}`,
      termination_reason: (options.reason ?? "satisfied") as "satisfied",
      assistant_model: { provider: "offline", model: "m1" },
      distractor_applied: Boolean(options.noisy),
      created_at: "2026-11-25T12:00:00.000Z",
      noisy_versions: {
        initial_query: {
          clean_query: initial,
          noisy_versions: options.noisy
            ? [
                {
                  noisy_text: `hey can u hlep me with task ${n}`,
                  noise_type: "surface_noise",
                  applied_strategies: ["typo_misspelling"],
                  layer: "surface_noise",
                },
              ]
            : [{ noisy_text: initial, noise_type: "skipped", applied_strategies: [] }],
        },
        followups: options.noisy
          ? [
              {
                turn: 1,
                clean_feedback: `follow-up 1 for task ${n}`,
                noisy_versions: [
                  {
                    noisy_text: `folow-up 1 for task ${n}`,
                    noise_type: "surface_noise",
                    applied_strategies: ["char_drop"],
                  },
                ],
                used_version: `folow-up 1 for task ${n}`,
              },
            ]
          : [],
      },
    },
  };
}
