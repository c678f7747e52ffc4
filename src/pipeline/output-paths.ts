import { realpathSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
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
  /** The `--out` given, when it resolves elsewhere through a symbolic link (`root` is the real path). */
  linkedFrom?: string;
}

/**
 * The output layout. With `--out DIR` everything goes under DIR; otherwise the configured
 * `paths.*.output_dir` are used and run bookkeeping goes beside the interactions directory.
 * Directories are taken at their real path: a run writes inside the directory it names and announces
 * where that is (`linkedFrom`), and refuses links inside it (output-dirs.ts).
 */
export function outputPaths(config: Config, out?: string): OutputPaths {
  if (out !== undefined) {
    const given = resolve(out);
    const root = realPath(given);
    return {
      root,
      ...(root === given ? {} : { linkedFrom: given }),
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
  const interactions = realPath(p.interactions.output_dir);
  const root = dirname(interactions);
  return {
    root,
    personas: realPath(p.persona_specs.output_dir),
    queries: realPath(p.queries.output_dir),
    interactions,
    trainingData: realPath(p.training_data.output_dir),
    logs: realPath(p.logs.dir),
    runs: join(root, "runs"),
    usage: join(root, "usage"),
    cache: config.llm.cache.path ?? join(root, "cache", "responses.sqlite"),
  };
}

/**
 * The real path of `path`: its longest existing prefix resolved through links, the rest appended
 * (what does not exist yet is created as a real directory).
 */
function realPath(path: string): string {
  const rest: string[] = [];
  for (let at = path; ; at = dirname(at)) {
    try {
      return join(realpathSync(at), ...rest);
    } catch {
      if (dirname(at) === at) return path;
      rest.unshift(basename(at));
    }
  }
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
