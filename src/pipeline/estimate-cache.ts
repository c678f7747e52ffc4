/** How a model's provider caches prompt prefixes, for estimates. */
export type CacheMode = "openai" | "anthropic" | "none";

/** Prompts shorter than this are never cached (OpenAI; Anthropic's Sonnet and Opus). */
export const MIN_CACHED_TOKENS = 1024;
/** OpenAI caches prefixes in steps of this many tokens. */
const OPENAI_STEP = 128;

/** Input tokens of one call split as the provider bills them. */
export interface CachedSplit {
  cachedInput: number;
  cacheWrite: number;
}

/**
 * The cache reads and writes of a chain of calls whose prompts each extend the previous one (the turns
 * of a conversation): `prefixes[k]` is how much of prompt k repeats prompt k − 1 byte for byte,
 * `prompts[k]` its whole size. OpenAI reads the repeated prefix once it is 1,024 tokens or more (in
 * 128-token steps). Anthropic reads what the previous call wrote at its last breakpoint and writes up
 * to this call's (the history breakpoint is set once a call has history: from its second message on).
 */
export function cacheSplits(
  mode: CacheMode,
  prompts: readonly number[],
  prefixes: readonly number[],
  messages: readonly number[],
): CachedSplit[] {
  const out: CachedSplit[] = [];
  let written = 0;
  for (let k = 0; k < prompts.length; k++) {
    const prompt = prompts[k] ?? 0;
    const prefix = k === 0 ? 0 : (prefixes[k] ?? 0);
    if (mode === "openai") {
      const cachedInput = prefix >= MIN_CACHED_TOKENS ? Math.floor(prefix / OPENAI_STEP) * OPENAI_STEP : 0;
      out.push({ cachedInput, cacheWrite: 0 });
    } else if (mode === "anthropic" && (messages[k] ?? 0) > 1) {
      const cachedInput = Math.min(written, prefix);
      const cacheWrite = prompt >= MIN_CACHED_TOKENS ? prompt - cachedInput : 0;
      if (cacheWrite > 0) written = prompt;
      out.push({ cachedInput, cacheWrite });
    } else {
      out.push({ cachedInput: 0, cacheWrite: 0 });
    }
  }
  return out;
}
