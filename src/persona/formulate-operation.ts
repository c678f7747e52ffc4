import type { Operation } from "../llm/operation.js";
import { renderTemplate } from "../llm/template.js";
import type { PersonaFeatures } from "./persona.js";
import { renderPersona } from "./render-persona.js";

/** Phrases that mark an answer as a refusal or a meta-answer rather than a system prompt. */
export const DEFAULT_REFUSAL_PHRASES = [
  "i can't",
  "i cannot",
  "i can not",
  "i'm unable",
  "i am unable",
  "as an ai",
  "i'm sorry",
  "i am sorry",
  "i won't",
];

export interface FormulateInput {
  features: PersonaFeatures;
}

export interface FormulateOptions {
  template: string;
  validate: boolean;
  minLength: number;
  refusalPhrases: readonly string[];
}

/** Stage 2: persona features → a system prompt for an assistant serving this user. */
export function formulateOperation(options: FormulateOptions): Operation<FormulateInput, string> {
  return {
    name: "formulate",
    stage: "formulation",
    maxTokens: 700,
    messages: ({ features }) => [
      { role: "user", content: renderTemplate(options.template, { persona: renderPersona(features) }) },
    ],
    output: { kind: "text", parse: cleanSystemPrompt },
    check: (prompt) => {
      if (!options.validate) return undefined;
      const lower = prompt.toLowerCase();
      const refusal = options.refusalPhrases.find((phrase) => lower.includes(phrase.toLowerCase()));
      if (refusal) return `it reads as a refusal or a comment ("${refusal}"); write only the system prompt`;
      return prompt.length < options.minLength
        ? `the system prompt is too short (${prompt.length} characters; write at least ${options.minLength})`
        : undefined;
    },
    offline: async () => {
      const { renderSystemPrompt } = await import("../offline/system-prompt/system-prompt.js");
      return ({ features }, rng) => renderSystemPrompt(features, rng);
    },
  };
}

/** Strips what models wrap around the prompt: a label line, surrounding quotes or fences. */
export function cleanSystemPrompt(text: string): string {
  let out = text.trim();
  out = out.replace(/^```[a-z]*\n([\s\S]*?)\n```$/i, "$1").trim();
  out = out.replace(/^(?:\*\*)?system prompt(?:\*\*)?:\s*/i, "");
  if (/^".*"$/s.test(out)) out = out.slice(1, -1).trim();
  return out;
}
