import { z } from "zod";
import type { InteractionInput } from "../interaction/record.js";
import type { Operation } from "../llm/operation.js";
import { renderTemplate } from "../llm/template.js";

/** What the judge reads: the persona, the conversation as the assistant saw it, the noise added. */
export interface JudgeInput {
  features: Readonly<Record<string, unknown>>;
  messages: ReadonlyArray<{ role: "user" | "assistant"; content: string }>;
  noise: ReadonlyArray<{ clean: string; noisy: string; strategies: readonly string[] }>;
}

/** The rubric: four criteria scored 1–5, and the judge's reason for the weakest one. */
export const JudgeScoresSchema = z.object({
  persona_fidelity: z.number().min(1).max(5),
  user_realism: z.number().min(1).max(5),
  assistant_helpfulness: z.number().min(1).max(5),
  noise_plausibility: z.number().min(1).max(5),
  rationale: z.string().default(""),
});
export type JudgeScores = z.output<typeof JudgeScoresSchema>;

/** The criteria of the rubric, in order. */
export const JUDGE_CRITERIA = [
  "persona_fidelity",
  "user_realism",
  "assistant_helpfulness",
  "noise_plausibility",
] as const;

/** What is stored with the interaction (`metadata.judge`) and exported with the sample. */
export interface JudgeRecord extends JudgeScores {
  /** The mean of the four criteria mapped to 0–1 (`(mean - 1) / 4`): what `filter.min_score` compares. */
  score: number;
  provider: string;
  model: string;
}

/**
 * The `judge` operation: scores one conversation on the rubric with any configured model
 * (structured output); offline, a deterministic heuristic judge (heuristic-judge.ts) answers.
 */
export function judgeOperation(template: string): Operation<JudgeInput, JudgeScores> {
  return {
    name: "judge",
    stage: "judge",
    maxTokens: 300,
    messages: (input) => [
      {
        role: "user",
        content: renderTemplate(template, {
          persona: Object.entries(input.features)
            .map(([k, v]) => `- ${k}: ${v}`)
            .join("\n"),
          conversation: input.messages.map((m) => `${m.role.toUpperCase()}: ${m.content}`).join("\n\n"),
          noise:
            input.noise.length === 0
              ? "(none)"
              : input.noise
                  .map((n) => `- "${n.clean}" -> "${n.noisy}" (${n.strategies.join(", ") || "no strategy"})`)
                  .join("\n"),
        }),
      },
    ],
    output: { kind: "json", name: "conversation_judgement", schema: JudgeScoresSchema },
    offline: async () => (await import("./heuristic-judge.js")).heuristicJudge,
  };
}

/** The judge's input for a finished interaction record. */
export function judgeInputOf(record: InteractionInput): JudgeInput {
  const noise: Array<{ clean: string; noisy: string; strategies: string[] }> = [];
  const versions = record.metadata?.noisy_versions;
  const add = (
    clean: string | undefined,
    list:
      | ReadonlyArray<{ noisy_text: string; noise_type: string; applied_strategies?: string[] | undefined }>
      | undefined,
  ) => {
    for (const v of list ?? [])
      if (v.noise_type !== "skipped")
        noise.push({ clean: clean ?? "", noisy: v.noisy_text, strategies: v.applied_strategies ?? [] });
  };
  add(versions?.initial_query?.clean_query, versions?.initial_query?.noisy_versions);
  for (const f of versions?.followups ?? []) add(f.clean_feedback, f.noisy_versions);
  return {
    features: record.persona_features ?? {},
    messages: record.messages
      .filter((m) => m.role !== "system")
      .map((m) => ({ role: m.role as "user" | "assistant", content: m.content })),
    noise,
  };
}

/** The stored form of a judgement: the scores, their 0–1 summary, and who judged. */
export function judgeRecord(scores: JudgeScores, provider: string, model: string): JudgeRecord {
  const mean = JUDGE_CRITERIA.reduce((sum, c) => sum + scores[c], 0) / JUDGE_CRITERIA.length;
  return { ...scores, score: Math.round(((mean - 1) / 4) * 1000) / 1000, provider, model };
}
