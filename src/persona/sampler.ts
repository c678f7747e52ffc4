import { InterruptedError } from "../errors.js";
import { type EventSink, ignoreEvents } from "../events.js";
import type { RunSeed } from "../rng/derive-seed.js";
import { createRng } from "../rng/random.js";
import type { PersonaBank } from "./bank.js";
import { Compatibility } from "./compatibility.js";
import { resolveBounds } from "./constraints.js";
import { type DimensionIndex, decodeFeatures, encodeFeatures, indexDimensions } from "./dimension-index.js";
import { DiversityIndex } from "./diversity.js";
import { type Persona, personaIdFor } from "./persona.js";
import { type EffectiveSettings, validateSampling } from "./sampler-validation.js";
import type { SamplingConfig } from "./sampling-config.js";
import type { SamplerContext, SamplingStrategy, Streams } from "./strategy.js";
import { type CoverageReport, CoverageStrategy } from "./strategy-coverage.js";
import { CustomStrategy, compileRules } from "./strategy-custom.js";
import { RandomStrategy } from "./strategy-random.js";
import { StratifiedStrategy } from "./strategy-stratified.js";

/** Parameters a caller (the CLI, a pipeline run) may set over the sampling config. */
export interface SamplingOverrides {
  strategy?: SamplingConfig["strategy"];
  feature_availability_rate?: number;
  min_hamming_distance?: number;
  max_attempts?: number;
}

/** What to sample: `count` new personas from `bank`, kept apart from the `existing` ones. */
export interface SampleRequest {
  bank: PersonaBank;
  sampling: SamplingConfig;
  count: number;
  runSeed: RunSeed;
  /** Feature dicts of personas already stored (earlier runs): new ones keep their distance. */
  existing?: Iterable<Record<string, string>>;
  overrides?: SamplingOverrides;
  events?: EventSink;
}

/** A summary of one sampling call. */
export interface SamplingReport {
  requested: number;
  produced: number;
  strategy: string;
  /** Candidates drawn in total (accepted and rejected). */
  attempts_total: number;
  /** Personas accepted below `min_hamming_distance` after `max_attempts`. */
  relaxed: number;
  /** Slots left empty because every candidate duplicated a known persona. */
  skipped: number;
  coverage?: CoverageReport;
  /**
   * The smallest weighted Hamming distance between a new persona and any other (stored or new);
   * null when there was no pair to measure.
   */
  min_distance_observed: number | null;
}

/** The personas, in sampling order, and the report. */
export interface SampleResult {
  personas: Persona[];
  report: SamplingReport;
}

const WHERE = "persona sampling";

/**
 * Samples `count` personas (stage 1). Deterministic: persona `i` of a run draws only from streams
 * `createRng(runSeed, "persona:<stored + i>", "attempt:<k>:<decision>")`, so the same request gives
 * the same personas in the same order, and a rerun with the first run's personas as `existing`
 * continues where it stopped instead of repeating it.
 *
 * Every candidate is checked against the stored personas and this run's: one closer than
 * `min_hamming_distance` (weighted Hamming distance) is redrawn, up to `max_attempts`, after which the
 * most distant candidate is accepted with `diversity_relaxed` and a warning. An exact duplicate of a
 * known persona is never accepted; when nothing else turns up the slot is skipped with a warning.
 *
 * @throws ConfigError when the sampling config names dimensions or values the bank lacks, or asks
 * for bounds no persona of this bank can meet (every problem at once, with key paths).
 */
export function samplePersonas(request: SampleRequest): SampleResult {
  const steps = samplingSteps(request);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * {@link samplePersonas} with pauses: every `pauseMs` of sampling it lets other work run (a Ctrl-C
 * handler, a progress line) and stops with an InterruptedError once `signal` is aborted. The same
 * personas: only the pauses differ. Sampling 20,000 personas takes half a minute, and a mistyped
 * `--personas 1000000000` forever; synchronous, neither could be stopped but by `kill -9`.
 */
export async function samplePersonasPausing(
  request: SampleRequest,
  signal: AbortSignal | undefined,
  pauseMs = 50,
): Promise<SampleResult> {
  const steps = samplingSteps(request);
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - since < pauseMs) continue;
    await new Promise((resolve) => setImmediate(resolve));
    if (signal?.aborted)
      throw new InterruptedError(`interrupted while sampling personas (${step.value} of ${request.count})`, {
        hint: "nothing of this plan was stored; rerun the same command to start it again",
      });
    since = performance.now();
  }
}

/** The sampling, one persona slot a step: yields how many slots are done, returns the result. */
function* samplingSteps(request: SampleRequest): Generator<number, SampleResult, void> {
  const { bank, sampling, count, runSeed } = request;
  const events = request.events ?? ignoreEvents;
  const index = indexDimensions(bank);
  const settings = effectiveSettings(sampling, request.overrides ?? {});
  const compat = Compatibility.of(bank, index);
  validateSampling(index, sampling, settings, count, compat);

  const required = new Uint8Array(index.names.length);
  for (const name of sampling.required_dimensions) required[index.byName.get(name)!] = 1;
  const ctx: SamplerContext = {
    index,
    bounds: resolveBounds(sampling),
    featureAvailabilityRate: settings.featureAvailabilityRate,
    required,
    compat,
  };
  const strategy = createStrategy(ctx, sampling, settings.strategy);
  const diversity = new DiversityIndex(index, {
    priorityDimensions: sampling.diversity.priority_dimensions,
    priorityWeight: sampling.diversity.priority_weight,
  });
  let stored = 0;
  for (const features of request.existing ?? []) {
    const encoded = encodeFeatures(index, features);
    diversity.add(encoded.codes, encoded.fullyKnown);
    strategy.observeStored(encoded.codes);
    stored++;
  }

  const threshold = sampling.diversity.enabled ? settings.minHammingDistance : 0;
  const maxAttempts = settings.maxAttempts;
  const personas: Persona[] = [];
  let minDistance = Number.POSITIVE_INFINITY;
  let attemptsTotal = 0;
  let relaxedTotal = 0;
  let skipped = 0;

  for (let slot = 0; slot < count; slot++) {
    const id = `persona:${stored + slot}`;
    const streamsFor =
      (k: number): Streams =>
      (purpose) =>
        createRng(runSeed, id, `attempt:${k}:${purpose}`);
    let attempts = 0;
    let chosen: { codes: Int32Array; distance: number; relaxed: boolean } | undefined;
    const rejected: Int32Array[] = [];
    for (let k = 0; k < maxAttempts && chosen === undefined; k++) {
      const codes = strategy.propose(slot, streamsFor(k));
      attempts++;
      if (!codes || diversity.isDuplicate(codes)) continue;
      const distance = diversity.nearest(codes, Math.max(minDistance, threshold), threshold);
      if (distance >= threshold) chosen = { codes, distance, relaxed: false };
      else rejected.push(codes);
    }
    if (chosen === undefined && rejected.length > 0) {
      // Relax: the candidate whose nearest neighbour is farthest (rejected ones are all non-duplicates).
      let best = -1;
      for (const codes of rejected) {
        const distance = diversity.nearest(codes, Number.POSITIVE_INFINITY, best);
        if (distance > best) {
          best = distance;
          chosen = { codes, distance, relaxed: true };
        }
      }
    }
    // Every candidate duplicated a known persona (or none kept the rules): look a while longer.
    for (let k = maxAttempts; k < 2 * maxAttempts && chosen === undefined; k++) {
      const codes = strategy.propose(slot, streamsFor(k));
      attempts++;
      if (!codes || diversity.isDuplicate(codes)) continue;
      const distance = diversity.nearest(codes, Number.POSITIVE_INFINITY);
      chosen = { codes, distance, relaxed: distance < threshold };
    }
    attemptsTotal += attempts;
    if (chosen === undefined) {
      skipped++;
      events({
        type: "warning",
        where: WHERE,
        message: `${id}: skipped, each of ${attempts} attempts duplicated a known persona or found none that keeps the persona bank's rules`,
      });
      yield slot + 1;
      continue;
    }
    minDistance = Math.min(minDistance, chosen.distance);
    diversity.add(chosen.codes);
    strategy.accept(chosen.codes);
    if (chosen.relaxed) {
      relaxedTotal++;
      events({
        type: "warning",
        where: WHERE,
        message:
          `${id}: no candidate in ${maxAttempts} attempts reached weighted Hamming distance ` +
          `${threshold} from every other persona; accepted one at distance ${chosen.distance}`,
      });
    }
    personas.push(toPersona(index, chosen.codes, strategy.name, attempts, chosen.relaxed));
    yield slot + 1;
  }

  const report: SamplingReport = {
    requested: count,
    produced: personas.length,
    strategy: strategy.name,
    attempts_total: attemptsTotal,
    relaxed: relaxedTotal,
    skipped,
    min_distance_observed: Number.isFinite(minDistance) ? minDistance : null,
  };
  if (strategy instanceof CoverageStrategy) {
    report.coverage = coverageReport(strategy, index, (n) =>
      createRng(runSeed, `persona:${stored + count + n}`, "attempt:0:coverage"),
    );
    const c = report.coverage;
    if (c.pairs_covered < c.pairs_total)
      events({
        type: "warning",
        where: WHERE,
        message:
          `coverage: ${c.pairs_covered} of ${c.pairs_total} value pairs covered; ` +
          `covering all of them takes ${c.personas_needed} personas`,
      });
  }
  return { personas, report };
}

/**
 * Checks that a sampling config fits a persona bank (names, bounds, and what the bank's rules leave
 * possible) without sampling anything.
 *
 * @throws ConfigError listing every problem with its key path.
 */
export function checkSamplingFits(bank: PersonaBank, sampling: SamplingConfig): void {
  const index = indexDimensions(bank);
  validateSampling(index, sampling, effectiveSettings(sampling, {}), 0, Compatibility.of(bank, index));
}

function effectiveSettings(sampling: SamplingConfig, o: SamplingOverrides): EffectiveSettings {
  return {
    strategy: o.strategy ?? sampling.strategy,
    featureAvailabilityRate:
      o.feature_availability_rate ?? sampling.random_sampling.feature_availability_rate,
    minHammingDistance: o.min_hamming_distance ?? sampling.diversity.min_hamming_distance,
    maxAttempts: o.max_attempts ?? sampling.diversity.max_attempts,
    overridden: new Set(Object.keys(o).filter((k) => o[k as keyof SamplingOverrides] !== undefined)),
  };
}

function createStrategy(
  ctx: SamplerContext,
  sampling: SamplingConfig,
  name: SamplingConfig["strategy"],
): SamplingStrategy {
  const dims = (names: readonly string[]) => names.map((n) => ctx.index.byName.get(n)!);
  switch (name) {
    case "random":
      return new RandomStrategy(ctx);
    case "stratified":
      return new StratifiedStrategy(ctx, dims(sampling.stratified_sampling.stratify_by));
    case "custom":
      return new CustomStrategy(ctx, compileRules(ctx.index, sampling.custom_rules));
    case "coverage":
      return new CoverageStrategy(ctx, dims(sampling.coverage.dimensions));
  }
}

function coverageReport(
  strategy: CoverageStrategy,
  index: DimensionIndex,
  rngFor: Parameters<CoverageStrategy["pairs"]["rowsToComplete"]>[0],
): CoverageReport {
  const pairs = strategy.pairs;
  return {
    dimensions: strategy.dims.map((d) => index.names[d]!),
    pairs_total: pairs.total,
    pairs_covered: pairs.covered,
    ratio: pairs.total === 0 ? 1 : pairs.covered / pairs.total,
    personas_needed: strategy.coveringPersonas + (pairs.complete ? 0 : pairs.rowsToComplete(rngFor)),
  };
}

function toPersona(
  index: DimensionIndex,
  codes: Int32Array,
  strategy: string,
  attempts: number,
  relaxed: boolean,
): Persona {
  const features = decodeFeatures(index, codes);
  let constraints = 0;
  for (let d = 0; d < codes.length; d++) if (codes[d]! >= 0 && index.isConstraint[d]) constraints++;
  return {
    persona_id: personaIdFor(features),
    features,
    metadata: {
      strategy,
      feature_count: Object.keys(features).length,
      constraint_count: constraints,
      attempts,
      diversity_relaxed: relaxed,
    },
  };
}
