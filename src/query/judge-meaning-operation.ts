import { z } from "zod";
import type { Operation } from "../llm/operation.js";
import { renderTemplate } from "../llm/template.js";

export interface JudgeMeaningInput {
  original: string;
  adapted: string;
}

export const JudgeMeaningSchema = z.object({
  score: z.number().min(0).max(1),
  reason: z.string().default(""),
});
export type JudgeMeaningOutput = z.output<typeof JudgeMeaningSchema>;

/**
 * The meaning check: does the rewritten query keep the original intent and details? Scored 0..1.
 * Offline it is the share of the original's content words that survive.
 */
export function judgeMeaningOperation(template: string): Operation<JudgeMeaningInput, JudgeMeaningOutput> {
  return {
    name: "judge_meaning",
    stage: "style_transfer",
    maxTokens: 200,
    messages: ({ original, adapted }) => [
      {
        role: "user",
        content: renderTemplate(template, { original_query: original, adapted_query: adapted }),
      },
    ],
    output: { kind: "json", name: "meaning_judgement", schema: JudgeMeaningSchema },
    offline: async () => {
      const { meaningOverlap } = await import("../text/meaning-overlap.js");
      return ({ original, adapted }) => {
        const { score, missing } = meaningOverlap(original, adapted);
        return {
          score,
          reason:
            missing.length === 0 ? "all content words kept" : `missing: ${missing.slice(0, 8).join(", ")}`,
        };
      };
    },
  };
}
