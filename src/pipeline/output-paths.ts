import { dirname, join, resolve } from "node:path";
import type { Config } from "../config/schema.js";

/** Where a run reads and writes everything. */
export interface OutputPaths {
  root: string;
  personas: string;
  queries: string;
  interactions: string;
  trainingData: string;
  logs: string;
  runs: string;
  usage: string;
  cache: string;
}

/**
 * The output layout. With `--out DIR` everything goes under DIR; otherwise the configured
 * `paths.*.output_dir` are used and run bookkeeping goes beside the interactions directory.
 */
export function outputPaths(config: Config, out?: string): OutputPaths {
  if (out !== undefined) {
    const root = resolve(out);
    return {
      root,
      personas: join(root, "personas"),
      queries: join(root, "queries"),
      interactions: join(root, "interactions"),
      trainingData: join(root, "training_data"),
      logs: join(root, "logs"),
      runs: join(root, "runs"),
      usage: join(root, "usage"),
      cache: config.llm.cache.path ?? join(root, "cache", "responses.sqlite"),
    };
  }
  const p = config.paths;
  const root = dirname(p.interactions.output_dir);
  return {
    root,
    personas: p.persona_specs.output_dir,
    queries: p.queries.output_dir,
    interactions: p.interactions.output_dir,
    trainingData: p.training_data.output_dir,
    logs: p.logs.dir,
    runs: join(root, "runs"),
    usage: join(root, "usage"),
    cache: config.llm.cache.path ?? join(root, "cache", "responses.sqlite"),
  };
}

/** The config with its output directories pointed at `paths` (what export and the collector read). */
export function withOutputPaths(config: Config, paths: OutputPaths): Config {
  return {
    ...config,
    paths: {
      ...config.paths,
      persona_specs: { ...config.paths.persona_specs, output_dir: paths.personas },
      queries: { output_dir: paths.queries },
      interactions: { output_dir: paths.interactions },
      training_data: { output_dir: paths.trainingData },
      logs: { ...config.paths.logs, dir: paths.logs },
    },
  };
}
