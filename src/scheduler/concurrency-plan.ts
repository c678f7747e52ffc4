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
  const endpoints = new Map(declaredEndpointLimits(providers));
  for (const provider of providers.values())
    if (provider.type !== "offline" && !endpoints.has(provider.endpoint))
      endpoints.set(provider.endpoint, declaredTotal ?? DEFAULT_ENDPOINT_CONCURRENCY);
  let sum = 0;
  for (const limit of endpoints.values()) sum += limit;
  const total = declaredTotal ?? Math.max(1, sum || DEFAULT_ENDPOINT_CONCURRENCY);
  for (const [endpoint, limit] of endpoints) endpoints.set(endpoint, Math.min(limit, total));
  return { total, endpoints };
}

/**
 * The endpoints whose limit the config declares (`providers.<name>.max_concurrency`; the smallest
 * when several providers share the base URL). These are also the limits distributed workers count
 * together (see call-gate.ts): an endpoint's declared limit holds for every process calling it.
 */
export function declaredEndpointLimits(
  providers: ReadonlyMap<string, ResolvedProvider>,
): ReadonlyMap<string, number> {
  const declared = new Map<string, number>();
  for (const provider of providers.values()) {
    if (provider.type === "offline" || provider.maxConcurrency === undefined) continue;
    const before = declared.get(provider.endpoint);
    declared.set(
      provider.endpoint,
      before === undefined ? provider.maxConcurrency : Math.min(before, provider.maxConcurrency),
    );
  }
  return declared;
}
