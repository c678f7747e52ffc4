import type { TrainingSample } from "./sample.js";

/**
 * The domain of a sample's query: the seed query's own domain (`metadata.query_domain`, recorded
 * since the plan knows it), else the domain the style step inferred (`metadata.style_transfer`), which
 * is all that older records and queries without a labelled domain have. The seed's label is preferred
 * because it was given, not guessed: a model's style step may name a neighbouring domain.
 */
export function queryDomainOf(sample: TrainingSample): string | undefined {
  const seed = sample.metadata?.query_domain;
  if (typeof seed === "string") return seed;
  const inferred = (sample.metadata?.style_transfer as { inferred_domain?: unknown } | undefined)
    ?.inferred_domain;
  return typeof inferred === "string" ? inferred : undefined;
}
