import { z } from "zod";
import type { Operation } from "../llm/operation.js";
import { renderTemplate } from "../llm/template.js";
import type { PersonaFeatures } from "../persona/persona.js";
import { renderPersona } from "../persona/render-persona.js";

export const TARGET_LENGTHS = ["very_short", "short", "medium", "long"] as const;
export type TargetLength = (typeof TARGET_LENGTHS)[number];

export interface StyleTransferInput {
  features: PersonaFeatures;
  query: string;
  targetLength: TargetLength;
  targetTurns: number;
  promptType: "full" | "partial";
}

export const StyleTransferSchema = z.object({
  adapted_query: z.string().trim().min(1),
  inferred_domain: z.string().default("others"),
  inferred_scenario: z.string().default("others"),
});
export type StyleTransferOutput = z.output<typeof StyleTransferSchema>;

/** Stage 3: rewrite a seed query as this persona would type it (`full` or `partial` traits). */
export function styleTransferOperation(templates: {
  full: string;
  partial: string;
}): Operation<StyleTransferInput, StyleTransferOutput> {
  return {
    name: "style_transfer",
    stage: "style_transfer",
    maxTokens: 600,
    messages: (input) => [
      {
        role: "user",
        content: renderTemplate(input.promptType === "partial" ? templates.partial : templates.full, {
          persona: renderPersona(input.features),
          query: input.query,
          target_length: input.targetLength,
          target_turns: input.targetTurns,
        }),
      },
    ],
    output: { kind: "json", name: "style_transfer", schema: StyleTransferSchema },
    offline: async () => {
      const { stylizeQuery } = await import("../offline/style/stylize.js");
      return (input, rng) => {
        const out = stylizeQuery(
          {
            query: input.query,
            features: input.features,
            targetLength: input.targetLength,
            promptType: input.promptType,
          },
          rng,
        );
        return {
          adapted_query: out.adapted_query,
          inferred_domain: out.inferred_domain,
          inferred_scenario: out.inferred_scenario,
        };
      };
    },
  };
}
