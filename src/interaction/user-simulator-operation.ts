import { z } from "zod";
import type { Operation } from "../llm/operation.js";
import { compileTemplate } from "../llm/template.js";
import type { PersonaFeatures } from "../persona/persona.js";
import { renderPersona } from "../persona/render-persona.js";
import { computedOnce } from "../util/computed-once.js";

export interface UserTurnInput {
  features: PersonaFeatures;
  /** The conversation so far, as the user saw it. */
  history: Array<{ role: "user" | "assistant"; content: string }>;
  lastReply: string;
  /** Assistant replies so far (1-based). */
  currentTurn: number;
  targetTurns: number;
  /**
   * `min_turns`: below it the conversation goes on whatever the user says. The offline user reads it
   * so that it asks a real next question there instead of thanking or giving up mid-conversation; the
   * prompt template does not show it (a model is asked again instead, see `askUser`).
   */
  minTurns?: number;
  /**
   * Per-conversation memo for the offline engine (the assistant's: see offlineUserTurn): the
   * persona's profile and what the first message is about are read once per conversation. Never
   * sent anywhere; results are the same without it.
   */
  memo?: Map<string, unknown>;
}

/** `{satisfied, feedback}` as the original tool's template asks; `gave_up` is our optional addition. */
export const UserTurnSchema = z.object({
  satisfied: z.boolean(),
  feedback: z.string().nullable().optional(),
  gave_up: z.boolean().optional(),
});
export type UserTurnOutput = z.output<typeof UserTurnSchema>;

/** Stage 4: the simulated user reads the latest reply and decides whether and how to continue. */
export function userTurnOperation(template: string): Operation<UserTurnInput, UserTurnOutput> {
  // Rendered on every user turn: the template is scanned once, and a conversation's persona (the same
  // features object at every turn) rendered once.
  const render = compileTemplate(template, [
    "persona",
    "conversation_history",
    "assistant_response",
    "current_turn",
    "target_turns",
  ]);
  const personas = new WeakMap<PersonaFeatures, string>();
  const personaText = (features: PersonaFeatures): string => computedOnce(personas, features, renderPersona);
  return {
    name: "simulate_user",
    stage: "interaction",
    maxTokens: 400,
    messages: (input) => [
      {
        role: "user",
        content: render({
          persona: personaText(input.features),
          conversation_history: renderHistory(input.history),
          assistant_response: input.lastReply,
          current_turn: input.currentTurn,
          target_turns: input.targetTurns,
        }),
      },
    ],
    output: { kind: "json", name: "user_turn", schema: UserTurnSchema },
    check: (out) =>
      !out.satisfied && !out.gave_up && !out.feedback?.trim()
        ? "when not satisfied, feedback must be the user's next message"
        : undefined,
    offline: async () => (await import("../offline/user/user-simulator.js")).offlineUserTurn,
  };
}

function renderHistory(history: UserTurnInput["history"]): string {
  return history.map((m) => `${m.role === "user" ? "User" : "Assistant"}: ${m.content}`).join("\n\n");
}
