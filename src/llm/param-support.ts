import type { ResolvedProvider } from "./providers.js";
import type { CompletionParams } from "./types.js";

/** Sampling parameters an API has no field for, by provider type, with their config.yaml names. */
const UNSUPPORTED: Record<ResolvedProvider["type"], ReadonlyArray<[keyof CompletionParams, string]>> = {
  "openai-compatible": [],
  anthropic: [
    ["frequencyPenalty", "frequency_penalty"],
    ["presencePenalty", "presence_penalty"],
  ],
  // The offline engine reads no sampling parameter at all; nothing is "dropped" there.
  offline: [],
};

/**
 * The parameters a provider of this type can be sent, and the config names of those left out. Left
 * out before the request is built, so they change neither the request nor its cache key.
 */
export function supportedParams(
  type: ResolvedProvider["type"],
  params: CompletionParams,
): { params: CompletionParams; dropped: string[] } {
  const dropped: string[] = [];
  let kept = params;
  for (const [key, name] of UNSUPPORTED[type]) {
    if (kept[key] === undefined) continue;
    if (kept === params) kept = { ...params };
    delete kept[key];
    dropped.push(name);
  }
  return { params: kept, dropped };
}
