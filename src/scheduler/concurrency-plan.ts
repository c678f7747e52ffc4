import type { Config } from "../config/schema.js";
import type { ResolvedProvider } from "../llm/providers.js";
import type { SlotLimits } from "./call-slots.js";

/** Calls in flight on an endpoint whose limit nobody declared (and no run total says otherwise). */
export const DEFAULT_ENDPOINT_CONCURRENCY = 32;

/**
 * The run's concurrency as one model: `--concurrency` / `interaction_generation.max_workers` is the
 * total of calls in flight for the run; `providers.<name>.max_concurrency` limits the provider's
 * endpoint (its base URL), shared by every model there and by every provider with the same base URL
 * (the smallest declared limit holds); `providers.<name>.models.<model>.max_concurrency` gives a
 * model slots of its own within its endpoint's. An endpoint without a declared limit may use the
 * whole run total, or 32 when no total is set either; the run total defaults to the sum of the
 * endpoints' limits.
 */
export function concurrencyPlan(
  config: Config,
  providers: ReadonlyMap<string, ResolvedProvider>,
): SlotLimits {
  const declaredTotal = config.interaction_generation.max_workers;
  const declared = new Map<string, number>();
  const undeclared = new Set<string>();
  for (const provider of providers.values()) {
    if (provider.type === "offline") continue;
    if (provider.maxConcurrency === undefined) {
      undeclared.add(provider.endpoint);
      continue;
    }
    const before = declared.get(provider.endpoint);
    declared.set(
      provider.endpoint,
      before === undefined ? provider.maxConcurrency : Math.min(before, provider.maxConcurrency),
    );
  }
  const endpoints = new Map(declared);
  for (const endpoint of undeclared)
    if (!endpoints.has(endpoint)) endpoints.set(endpoint, declaredTotal ?? DEFAULT_ENDPOINT_CONCURRENCY);
  let sum = 0;
  for (const limit of endpoints.values()) sum += limit;
  const total = declaredTotal ?? Math.max(1, sum || DEFAULT_ENDPOINT_CONCURRENCY);
  for (const [endpoint, limit] of endpoints) endpoints.set(endpoint, Math.min(limit, total));
  return { total, endpoints };
}
