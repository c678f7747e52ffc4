import type { RunSeed } from "../rng/random.js";
import type { Clock } from "../util/clock.js";
import { buildPlan, type Plan, type PlanRequest } from "./plan.js";
import type { PreflightFindings } from "./preflight.js";

/**
 * Builds a new plan from the seed queries the checks before the run loaded, taking them out of
 * `found`: the run's frame lives as long as the run, and a dataset of 100,000 queries held there
 * would be ~15 MB of its peak memory. The plan keeps only the queries it took.
 */
export function planFromFound(
  found: PreflightFindings,
  request: Omit<PlanRequest, "seedQueries">,
  id: string,
  options: { save: boolean },
): Promise<Plan> {
  const seedQueries = found.queries;
  delete found.queries;
  return buildPlan({ ...request, ...(seedQueries ? { seedQueries } : {}) }, id, options);
}

/** The plan of a run with persona generation off and no saved plan: nothing to generate. */
export function emptyPlan(id: string, generation: string, seed: RunSeed, clock: Clock): Plan {
  return {
    plan_id: id,
    generation,
    created_at: clock.now().toISOString(),
    seed,
    num_personas: 0,
    personas: [],
    items: [],
    sampling: {
      requested: 0,
      produced: 0,
      strategy: "none",
      attempts_total: 0,
      relaxed: 0,
      skipped: 0,
      min_distance_observed: null,
    },
    queries: { loaded: 0, available: 0, used_before: 0, report: { datasets: [], total: 0 } as never },
    warnings: ["persona_generation is off and this run has no saved plan: nothing to generate"],
  };
}
