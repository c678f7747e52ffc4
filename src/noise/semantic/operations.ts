import { z } from "zod";
import type { Operation } from "../../llm/operation.js";
import { extractJson } from "../../llm/structured.js";
import { renderTemplate } from "../../llm/template.js";
import { personaTraits } from "../../offline/traits/persona-traits.js";
import { renderPersona } from "../../persona/render-persona.js";
import type { Edit } from "../edits.js";
import type { LayerName, StrategyFile } from "../strategy-config.js";
import { describeStrategies, LAYER_DESCRIPTIONS } from "../strategy-prompt.js";
import { noiseReadings } from "../text-readings.js";
import { offlineExtractIntent, offlineSemanticNoise } from "./offline.js";

const EMOJI = /\p{Extended_Pictographic}/u;

export const IntentSchema = z.object({
  intent: z.string().min(1),
  slots: z.record(z.string(), z.unknown()).default({}),
  compressed_text: z.string().min(1),
});
export type ExtractedIntent = z.output<typeof IntentSchema>;

/** What the intent extraction gets: the text, and the memo its noise step will get too (offline only). */
export interface ExtractIntentInput {
  text: string;
  /** Shared with the noise step of the same text: the offline engine reads the text once for both. */
  memo?: Map<string, unknown> | undefined;
}

/** Distractor step 1: what the user wants, the slot values, and a compressed request. */
export function extractIntentOperation(template: string): Operation<ExtractIntentInput, ExtractedIntent> {
  return {
    name: "extract_intent",
    stage: "distractor",
    maxTokens: 400,
    messages: ({ text }) => [{ role: "user", content: renderTemplate(template, { text }) }],
    output: { kind: "json", name: "intent_extraction", schema: IntentSchema },
    offline:
      async () =>
      ({ text, memo }) =>
        offlineExtractIntent(text, noiseReadings(memo)),
  };
}

export interface AddNoiseInput {
  text: string;
  semantics: ExtractedIntent;
  layer: LayerName;
  /** The strategies drawn for this text. */
  strategies: string[];
  /** Every strategy of the layer (the offline engine tries each to know which could apply). */
  layerStrategies?: string[] | undefined;
  /** `distractor.replace_inapplicable`: apply an undrawn strategy in place of a drawn one that cannot. */
  replaceInapplicable?: boolean | undefined;
  features: Record<string, string | number | boolean | null>;
  /** The memo the intent extraction of the same text got (see {@link ExtractIntentInput}). */
  memo?: Map<string, unknown> | undefined;
}

export interface NoiseOutput {
  noisy_text: string;
  applied_strategies: string[] | undefined;
  /** The layer's strategies that could not apply to the text (known offline only). */
  not_applicable?: string[];
  replacements?: Array<{ drawn: string; applied: string }>;
  edits?: Edit[];
}

/**
 * Distractor step 2: rewrite the request applying the chosen strategies. The original tool's template
 * answers with the bare message, ours with `{noisy_text, applied_strategies}`: both are accepted.
 */
export function addNoiseOperation(
  template: string,
  strategyFile: StrategyFile,
): Operation<AddNoiseInput, NoiseOutput> {
  return {
    name: "add_noise",
    stage: "distractor",
    maxTokens: 600,
    messages: (input) => [
      {
        role: "user",
        content: renderTemplate(template, {
          compressed_text: input.semantics.compressed_text,
          intent: input.semantics.intent,
          slots: Object.entries(input.semantics.slots)
            .map(([k, v]) => `- ${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
            .join("\n"),
          layer_description: LAYER_DESCRIPTIONS[input.layer],
          strategies_description: describeStrategies(input.strategies, strategyFile.strategies[input.layer]),
          persona: renderPersona(input.features),
          text: input.text,
        }),
      },
    ],
    output: { kind: "text", parse: parseNoiseAnswer },
    check: (out, input) => {
      const text = out.noisy_text.trim();
      if (text === "") return "the noisy message is empty";
      if (text === input.text.trim()) return "the message is unchanged; apply the strategies";
      // Noise stays in character: a formal user does not type emoji.
      if (personaTraits(input.features).formality >= 3 && EMOJI.test(text)) {
        return "this user writes formally and never uses emoji; remove them";
      }
      return undefined;
    },
    offline: async () => (input, rng) =>
      offlineSemanticNoise(
        {
          text: input.text,
          layer: input.layer,
          strategies: input.strategies,
          layerStrategies: input.layerStrategies,
          replaceInapplicable: input.replaceInapplicable,
          strategyFile,
          features: input.features,
          readings: noiseReadings(input.memo),
        },
        rng,
      ),
  };
}

/** `{noisy_text, applied_strategies}` JSON, or the bare message with quotes and labels stripped. */
export function parseNoiseAnswer(text: string): NoiseOutput {
  const json = extractJson(text) as { noisy_text?: unknown; applied_strategies?: unknown } | undefined;
  if (json && typeof json === "object" && typeof json.noisy_text === "string") {
    const applied = Array.isArray(json.applied_strategies)
      ? json.applied_strategies.filter((s): s is string => typeof s === "string")
      : undefined;
    return { noisy_text: json.noisy_text.trim(), applied_strategies: applied };
  }
  let out = text.trim().replace(/^(?:noisy (?:version|text)|output)\s*:\s*/i, "");
  if (/^["“].*["”]$/s.test(out)) out = out.slice(1, -1).trim();
  return { noisy_text: out, applied_strategies: undefined };
}

/** The original tool's legacy paraphrase operation (`{text} {noise_type}` → the noisy text). */
export function paraphraseOperation(
  template: string,
): Operation<{ text: string; noiseType: string }, string> {
  return {
    name: "paraphrase",
    stage: "distractor",
    maxTokens: 400,
    messages: ({ text, noiseType }) => [
      { role: "user", content: renderTemplate(template, { text, noise_type: noiseType }) },
    ],
    output: { kind: "text", parse: (t) => parseNoiseAnswer(t).noisy_text },
    offline:
      async () =>
      ({ text }) =>
        text,
  };
}
