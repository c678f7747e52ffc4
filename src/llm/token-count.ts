import type { ResolvedProvider } from "./providers.js";

/** Counts the tokens of a text for one model. */
export type TokenCounter = (text: string) => number;

/** The two encodings of OpenAI's current and previous models. */
interface Encodings {
  o200k: TokenCounter;
  cl100k: TokenCounter;
}

/**
 * Claude's tokenizer is not published; published comparisons put its counts for English prose and
 * code 15–30% above o200k_base's, so its estimates are o200k counts scaled by this factor. Open models (Llama 3,
 * Qwen, Mistral) use BPE vocabularies of 100k–150k entries whose counts are within a few percent of
 * o200k's, which is used as is.
 */
const CLAUDE_FACTOR = 1.2;

/** Model ids of OpenAI's family, bare or behind a router (`openai/gpt-4o-mini`). */
const OPENAI_FAMILY = /^(?:openai\/)?(?:gpt-|o\d|chatgpt-|ft:gpt-)/;
/** OpenAI models still on cl100k_base (GPT-4 and GPT-3.5, not 4o or later). */
const CL100K_MODELS = /^(?:openai\/)?(?:ft:)?gpt-(?:4(?!o|\.\d)|3\.5)/;

/**
 * Loads gpt-tokenizer's encodings (a few MB of tables: only dry runs and estimates pay for them) and
 * returns the counter for each model: the model's own encoding for OpenAI models, o200k scaled for
 * Claude, o200k for the rest.
 */
export async function loadTokenCounters(): Promise<
  (provider: ResolvedProvider | undefined, model: string) => TokenCounter
> {
  const [o200k, cl100k] = await Promise.all([
    import("gpt-tokenizer/encoding/o200k_base"),
    import("gpt-tokenizer/encoding/cl100k_base"),
  ]);
  return counterFor({ o200k: o200k.countTokens, cl100k: cl100k.countTokens });
}

/** True for OpenAI's models, bare or behind a router: their prompts are cached automatically. */
export function isOpenAiModel(model: string): boolean {
  return OPENAI_FAMILY.test(model.toLowerCase());
}

function counterFor(encodings: Encodings) {
  return (provider: ResolvedProvider | undefined, model: string): TokenCounter => {
    const id = model.toLowerCase();
    if (OPENAI_FAMILY.test(id)) return CL100K_MODELS.test(id) ? encodings.cl100k : encodings.o200k;
    if (provider?.type === "anthropic" || id.includes("claude"))
      return (text) => Math.ceil(encodings.o200k(text) * CLAUDE_FACTOR);
    return encodings.o200k;
  };
}
