import { z } from "zod";
import type { Operation } from "../llm/operation.js";
import { renderTemplate } from "../llm/template.js";
import { renderPersona } from "./render-persona.js";

export interface ResolveOthersInput {
  dimension: string;
  description: string;
  knownValues: readonly string[];
  features: Readonly<Record<string, string>>;
}

const ResolvedSchema = z.object({ value: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, "a snake_case value") });

/**
 * Turns a sampled `others` into a concrete value that fits the rest of the persona (e.g. role
 * `others` → `veterinarian` for a health-domain persona). Offline there is no knowledge to draw on,
 * so the value stays `others`.
 */
export function resolveOthersOperation(template: string): Operation<ResolveOthersInput, string> {
  return {
    name: "resolve_others",
    stage: "persona",
    maxTokens: 60,
    messages: (input) => [
      {
        role: "user",
        content: renderTemplate(template, {
          dimension: input.dimension,
          description: input.description,
          known_values: input.knownValues.filter((v) => v !== "others").join(", "),
          persona: renderPersona(input.features),
        }),
      },
    ],
    output: {
      kind: "json",
      name: "resolved_value",
      schema: ResolvedSchema.transform((v) => v.value) as unknown as z.ZodType<string>,
    },
    offline: async () => () => "others",
  };
}
