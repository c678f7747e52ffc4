import { closeSync, openSync, rmdirSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Config } from "../config/schema.js";
import { ioError } from "../errors.js";
import type { EventSink } from "../events.js";
import { resolveUsedProviders } from "../llm/providers.js";
import { loadStrategyFile } from "../noise/strategy-config.js";
import { loadPersonaBank, type PersonaBank } from "../persona/bank.js";
import { checkSamplingFits } from "../persona/sampler.js";
import { loadSamplingConfig, type SamplingConfig } from "../persona/sampling-config.js";
import type { LoadedQueries } from "../query/load-all.js";
import { ResponseCache } from "../scheduler/response-cache.js";
import { dataPath } from "../util/data-path.js";
import { makeDirectory } from "../util/make-directory.js";
import { refuseLink, WRITE_NO_FOLLOW } from "../util/safe-files.js";
import { loadTemplates, type RunInputs } from "./inputs.js";
import type { OutputPaths } from "./output-paths.js";
import { effectiveSampling, loadPlanQueries } from "./plan.js";

/** One check made before the first call: its name, and what it found (it throws what is wrong). */
export interface PreflightCheck {
  name: string;
  /** Runs the check; returns what it found (a file, a count), or throws a PersonasynthError. */
  run(): Promise<string> | string;
}

export interface PreflightOptions {
  config: Config;
  env: Readonly<Record<string, string | undefined>>;
  paths: OutputPaths;
  /**
   * A real run: make the output directories, and open the response cache for the run. Otherwise
   * (`validate`, `--dry-run`) the same checks leave nothing behind.
   */
  write: boolean;
  /** Load the seed queries (a run whose plan is already saved does not read them). */
  seedQueries: boolean;
  events?: EventSink;
  /** Masks secrets in what the response cache stores. */
  redact?: (text: string) => string;
  /** The run's input files, loaded already (a run reads them first): checked without parsing again. */
  inputs?: RunInputs;
}

/** What the checks of a real run hand over, so nothing is loaded or opened twice. */
export interface PreflightFindings {
  queries?: LoadedQueries;
  cache?: ResponseCache;
}

/**
 * Every check `run` makes before its first call, in its order: the files the config names, the seed
 * queries, the providers (a key for each), the output directories and the response cache. `run`
 * stops at the first failure; `validate` runs the same list and shows a row for each, so a config
 * that validates does not fail at the start of a run.
 */
export function preflightChecks(options: PreflightOptions, found: PreflightFindings = {}): PreflightCheck[] {
  const { config, paths } = options;
  const file = (name: string, path: string | undefined, load: (p: string) => unknown, bundled: string) => ({
    name,
    run: () => {
      if (path === undefined) return bundled;
      load(path);
      return path;
    },
  });
  // Kept by the two checks that load them, for the check of one against the other.
  let bank: PersonaBank | undefined = options.inputs?.bank;
  let sampling: SamplingConfig | undefined = options.inputs?.sampling;
  const bankPath = config.paths.persona_bank.persona;
  const samplingPath = config.paths.sampling.config;
  const checks: PreflightCheck[] = [
    file("persona bank", bankPath, (p) => (bank ??= loadPersonaBank(p)), "bundled bank"),
    file(
      "sampling config",
      samplingPath,
      (p) => (sampling ??= loadSamplingConfig(p)),
      "built-in sampling settings",
    ),
    {
      name: "persona sampling",
      run: () => {
        bank ??= loadPersonaBank(bankPath ?? dataPath("persona_bank.yaml"));
        sampling ??= loadSamplingConfig(samplingPath ?? dataPath("sampling_config.yaml"));
        checkSamplingFits(bank, effectiveSampling(config, sampling));
        return "the sampling config fits the persona bank and its rules";
      },
    },
    file(
      "distractor strategies",
      config.distractor.strategy_path,
      (p) => options.inputs?.strategies ?? loadStrategyFile(p),
      "bundled strategy file",
    ),
    {
      name: "prompt templates",
      run: () => `${Object.keys(options.inputs?.templates ?? loadTemplates(config)).length} templates`,
    },
  ];
  if (options.seedQueries) {
    checks.push({
      name: "seed queries",
      run: async () => {
        found.queries = await loadPlanQueries(config, options.events);
        const datasets = found.queries.report.datasets.length;
        return `${found.queries.queries.length} queries from ${datasets} dataset${datasets === 1 ? "" : "s"}`;
      },
    });
  }
  checks.push(
    {
      name: "providers",
      run: () => {
        const online = [...resolveUsedProviders(config, options.env).values()].filter(
          (p) => p.type !== "offline",
        );
        if (online.length === 0) return "offline engine only";
        return online.map((p) => `${p.name} ${p.baseUrl} (${p.baseUrlFrom})`).join(", ");
      },
    },
    {
      name: "output directories",
      run: () => {
        for (const dir of outputDirs(paths)) checkWritable(dir, options.write);
        return paths.root;
      },
    },
  );
  if (config.llm.cache.enabled) {
    checks.push({
      name: "response cache",
      run: () => {
        if (options.write) found.cache = new ResponseCache(paths.cache, options.redact);
        else ResponseCache.check(paths.cache);
        return paths.cache;
      },
    });
  }
  return checks;
}

/** Runs the checks in order and throws the first failure (what `run` does). */
export async function preflight(checks: readonly PreflightCheck[]): Promise<void> {
  for (const check of checks) await check.run();
}

function outputDirs(paths: OutputPaths): string[] {
  return [
    paths.personas,
    paths.queries,
    paths.interactions,
    paths.trainingData,
    paths.runs,
    paths.usage,
    paths.logs,
  ];
}

/**
 * Fails when `dir` cannot be written: a file is written there and removed. With `keep`, the missing
 * directories are made and stay (a run uses them); without, whatever this made is removed again.
 */
function checkWritable(dir: string, keep: boolean): void {
  // A link in the output tree would take the run's writes elsewhere: refused, never followed.
  refuseLink(dir);
  const made = keep ? undefined : firstMissing(dir);
  try {
    makeDirectory(dir);
    const probe = join(dir, ".write-test");
    closeSync(openSync(probe, WRITE_NO_FOLLOW, 0o644));
    rmSync(probe, { force: true });
  } catch (error) {
    const wrapped = ioError("write to the output directory", dir, error);
    throw wrapped.hint
      ? wrapped
      : Object.assign(wrapped, { hint: "choose another directory with --out, or fix the permissions" });
  } finally {
    if (made !== undefined) removeUpTo(dir, made);
  }
}

/** The topmost directory of `dir` that does not exist yet (what making `dir` would create first). */
function firstMissing(dir: string): string | undefined {
  let missing: string | undefined;
  for (let at = dir; ; at = dirname(at)) {
    try {
      statSync(at);
      return missing;
    } catch {
      missing = at;
    }
    if (dirname(at) === at) return missing;
  }
}

/** Removes the empty directories from `dir` up to and including `top`. */
function removeUpTo(dir: string, top: string): void {
  for (let at = dir; ; at = dirname(at)) {
    try {
      rmdirSync(at);
    } catch {
      return; // not made by the check, or not empty
    }
    if (at === top || dirname(at) === at) return;
  }
}
