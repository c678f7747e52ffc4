import type { Config } from "../config/schema.js";
import { UsageError } from "../errors.js";
import type { EventSink } from "../events.js";
import type { InteractionStorage } from "../interaction/storage.js";
import { type Persona, personaIdFor } from "../persona/persona.js";
import { type SamplingReport, samplePersonasPausing } from "../persona/sampler.js";
import type { SamplingConfig } from "../persona/sampling-config.js";
import { type LoadedQueries, loadAllSeedQueries } from "../query/load-all.js";
import type { LoadReport } from "../query/load-report.js";
import { assignQueries } from "../query/selection.js";
import { TARGET_LENGTHS, type TargetLength } from "../query/style-transfer-operation.js";
import { createRng, type RunSeed } from "../rng/random.js";
import type { Clock } from "../util/clock.js";
import { contentId, idString } from "../util/hash.js";
import { plural } from "../util/plural.js";
import { type RunInputs, seedSources } from "./inputs.js";
import { savePlan } from "./plan-file.js";
import { targetTurnsFor } from "./target-turns.js";

/** A persona of the plan. */
export interface PlannedPersona {
  persona_id: string;
  features: Record<string, string>;
  metadata: Record<string, unknown>;
}

/** One work item: one persona, one query, the decisions taken for it. */
export interface PlanItem {
  index: number;
  item_id: string;
  interaction_id: string;
  persona_id: string;
  query_id: string;
  original_query: string;
  source_dataset: string;
  query_domain?: string;
  target_turns: number;
  target_length: TargetLength;
  style_transfer: boolean;
  prompt_type: "full" | "partial";
}

/** Everything decided before any conversation runs; saved so a rerun executes the same plan. */
export interface Plan {
  plan_id: string;
  /** The generation fingerprint of the config that made the plan (generation.ts). */
  generation: string;
  created_at: string;
  seed: RunSeed;
  num_personas: number;
  personas: PlannedPersona[];
  items: PlanItem[];
  sampling: SamplingReport;
  queries: { loaded: number; available: number; used_before: number; report: LoadReport };
  warnings: string[];
}

export interface PlanRequest {
  config: Config;
  generation: string;
  inputs: RunInputs;
  numPersonas: number;
  runSeed: RunSeed;
  runsDir: string;
  personaStore: InteractionStorage;
  assignmentStore: InteractionStorage;
  /** Seed queries earlier plans took (plan-file.ts `takenSoFar`). */
  usedQueries: ReadonlySet<string>;
  clock: Clock;
  events: EventSink;
  /**
   * Replaces `others` values with concrete ones (an LLM call per value, cached like every call);
   * the persona id is then derived from the resolved features.
   */
  resolveOthers?: (persona: Persona) => Promise<Record<string, string>>;
  /** The seed queries, when already loaded (by the checks before the run): not read again. */
  seedQueries?: LoadedQueries;
  /** Ctrl-C: sampling the personas stops (before anything of the plan is saved). */
  signal?: AbortSignal | undefined;
}

/**
 * What identifies a run: its generation (the fingerprint of everything that shapes its data, seed
 * included; see generation.ts) and its persona count. The same command gives the same id, so a rerun
 * finds its plan and continues it; a changed config gives a new plan.
 */
export function planId(generation: string, numPersonas: number): string {
  return contentId("plan", { generation, personas: numPersonas }, 12);
}

/** The sampling settings after `persona_generation` overrides from config.yaml. */
export function effectiveSampling(config: Config, sampling: SamplingConfig): SamplingConfig {
  const p = config.persona_generation;
  return {
    ...sampling,
    strategy: p.sampling_strategy ?? sampling.strategy,
    random_sampling: {
      ...sampling.random_sampling,
      feature_availability_rate:
        p.feature_availability_rate ?? sampling.random_sampling.feature_availability_rate,
    },
    diversity: {
      ...sampling.diversity,
      enabled: p.diversity.enabled ?? sampling.diversity.enabled,
      min_hamming_distance: p.diversity.min_hamming_distance ?? sampling.diversity.min_hamming_distance,
      max_attempts: p.diversity.max_attempts ?? p.diversity.max_retries ?? sampling.diversity.max_attempts,
    },
  };
}

/** `query_generation.max_queries`: a cap on the seed queries loaded; null or 0 loads them all. */
function maxQueries(config: Config): number | undefined {
  return config.query_generation.max_queries || undefined;
}

/** The seed queries a new plan draws from: every configured dataset (or the bundled bank), capped. */
export function loadPlanQueries(config: Config, events?: EventSink): Promise<LoadedQueries> {
  const cap = maxQueries(config);
  return loadAllSeedQueries(seedSources(config), {
    ...(events ? { events } : {}),
    ...(cap === undefined ? {} : { maxQueries: cap }),
  });
}

/**
 * Builds the plan: personas (diverse against every stored one), queries (never used before),
 * target turns and lengths, style-transfer decisions — all seeded by stable ids. It is saved before
 * anything else is written, then the new personas and query assignments are recorded in the stores.
 */
export async function buildPlan(request: PlanRequest, id: string, options: { save: boolean }): Promise<Plan> {
  const { config, inputs, runSeed } = request;
  const warnings: string[] = [];
  const incremental = config.experiment.incremental;

  // Before any call (resolving `others` may call a model): a dataset that gives nothing fails here,
  // and so does a plan the unused queries cannot fill (or it shrinks, announced, when asked to).
  const loaded = request.seedQueries ?? (await loadPlanQueries(config, request.events));
  const usedBefore = incremental ? request.usedQueries : new Set<string>();
  const pool = loaded.queries.filter((q) => !usedBefore.has(q.query_id));
  const selection = config.query_generation.selection;
  const personaCount = fittingPersonas(config, request, pool.length, loaded.queries.length);
  const existing: Array<Record<string, string>> = [];
  if (incremental)
    for await (const p of request.personaStore) existing.push(p.features as Record<string, string>);
  const sampled = await samplePersonasPausing(
    {
      bank: inputs.bank,
      sampling: effectiveSampling(config, inputs.sampling),
      count: personaCount,
      runSeed,
      existing,
      events: request.events,
    },
    request.signal,
  );

  if (request.resolveOthers) {
    const resolve = request.resolveOthers;
    const resolved = await Promise.all(
      sampled.personas.map(async (p) => {
        if (!Object.values(p.features).includes("others")) return p;
        const features = await resolve(p);
        return {
          ...p,
          persona_id: personaIdFor(features),
          features,
          metadata: { ...p.metadata, resolved_from: p.persona_id },
        } as Persona;
      }),
    );
    sampled.personas.splice(0, sampled.personas.length, ...resolved);
  }

  const assigned = assignQueries({
    domains: sampled.personas.map((p) => p.features.domain),
    perPersona: selection.queries_per_persona,
    pool,
    reuse: config.query_generation.allow_reuse ? loaded.queries : [],
    strategy: selection.strategy,
    rng: createRng(runSeed, "plan", "query-order"),
  });
  const style = config.query_generation.style_transfer;
  const { min_turns: minTurns, max_turns: maxTurns } = config.interaction_generation;

  const items: PlanItem[] = [];
  for (const [n, persona] of sampled.personas.entries()) {
    for (const query of assigned[n] ?? []) {
      const hex = contentId("x", {
        generation: request.generation,
        persona: persona.persona_id,
        query: query.query_id,
      }).slice(2);
      const itemId = idString("item", hex);
      const rng = (purpose: string) => createRng(runSeed, itemId, purpose);
      const pref = persona.features.query_length_pref;
      items.push({
        index: items.length,
        item_id: itemId,
        interaction_id: idString("interaction", hex),
        persona_id: persona.persona_id,
        query_id: query.query_id,
        original_query: query.text,
        source_dataset: query.source_dataset,
        ...(query.domain ? { query_domain: query.domain } : {}),
        target_turns: targetTurnsFor(persona.features, minTurns, maxTurns, rng("target_turns")),
        target_length: (TARGET_LENGTHS as readonly string[]).includes(pref ?? "")
          ? (pref as TargetLength)
          : rng("target_length").pick(TARGET_LENGTHS),
        style_transfer: style.enabled && rng("style_transfer").chance(style.transfer_probability),
        prompt_type:
          style.prompt_type === "mixed"
            ? rng("prompt_type").pick(["full", "partial"] as const)
            : style.prompt_type,
      });
    }
  }
  const wanted = sampled.personas.length * selection.queries_per_persona;
  if (items.length < wanted) {
    warnings.push(
      `only ${items.length} of ${wanted} items could be planned: ${loaded.queries.length} seed queries cannot give every persona ${selection.queries_per_persona} different ones; add datasets or lower queries_per_persona`,
    );
  }
  if (sampled.report.produced < personaCount) {
    warnings.push(
      `only ${sampled.report.produced} of ${personaCount} personas could be sampled (${sampled.report.skipped} skipped as duplicates)`,
    );
  }
  const plan: Plan = {
    plan_id: id,
    generation: request.generation,
    created_at: request.clock.now().toISOString(),
    seed: runSeed,
    num_personas: request.numPersonas,
    personas: sampled.personas.map((p) => ({
      persona_id: p.persona_id,
      features: p.features,
      metadata: { ...p.metadata },
    })),
    items,
    sampling: sampled.report,
    queries: {
      loaded: loaded.queries.length,
      available: pool.length,
      used_before: usedBefore.size,
      report: loaded.report,
    },
    warnings,
  };
  if (options.save) {
    await savePlan(request.runsDir, plan);
    await recordPlan(plan, request);
  }
  return plan;
}

/**
 * Records a plan's personas and query assignments in the stores (idempotent: ids already there are
 * skipped), so later runs see them as taken even if this one never finishes.
 */
export async function recordPlan(
  plan: Plan,
  request: Pick<PlanRequest, "personaStore" | "assignmentStore">,
): Promise<void> {
  // Generators: the records are made as the store takes them, not all at once.
  await request.personaStore.saveAll(
    (function* () {
      for (const p of plan.personas) {
        yield {
          ...p,
          metadata: {
            ...p.metadata,
            plan_id: plan.plan_id,
            generation: plan.generation,
            created_at: plan.created_at,
          },
        };
      }
    })(),
  );
  await request.assignmentStore.saveAll(
    (function* () {
      for (const i of plan.items) {
        yield {
          item_id: i.item_id,
          query_id: i.query_id,
          persona_id: i.persona_id,
          plan_id: plan.plan_id,
          generation: plan.generation,
        };
      }
    })(),
  );
}

/**
 * How many personas the plan samples: all asked for, unless the unused seed queries cannot give each
 * its queries. Then, before any call: an error with the numbers and the fixes, or — with
 * `query_generation.shrink_to_fit` — as many personas as the queries fill, announced; with
 * `allow_reuse` queries used before serve again, so the plan is not short.
 */
function fittingPersonas(config: Config, request: PlanRequest, unused: number, loaded: number): number {
  const asked = request.numPersonas;
  const { queries_per_persona: perPersona } = config.query_generation.selection;
  const qg = config.query_generation;
  const needed = asked * perPersona;
  if (unused >= needed || qg.allow_reuse) return asked;
  const fit = Math.floor(unused / perPersona);
  const numbers = `${unused} unused seed queries (${loaded} loaded, ${loaded - unused} used by earlier runs)`;
  if (qg.shrink_to_fit && fit > 0) {
    request.events({
      type: "warning",
      message: `planning ${plural(fit, "persona")} instead of ${asked}: ${numbers} give ${perPersona} queries to ${fit} personas (query_generation.shrink_to_fit)`,
    });
    return fit;
  }
  throw new UsageError(
    `the plan needs ${needed} seed queries (${asked} personas × ${perPersona}), but there are only ${numbers}`,
    {
      where: "query_generation",
      hint: `add datasets (paths.query_datasets), lower queries_per_persona or --personas (${plural(fit, "persona")} fit), set query_generation.allow_reuse: true to use queries again, or query_generation.shrink_to_fit: true to plan the ${plural(fit, "persona")} that fit`,
    },
  );
}
