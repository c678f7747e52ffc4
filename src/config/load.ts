import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { ConfigError, type ConfigIssue } from "../errors.js";
import { crossChecks, get } from "./cross-checks.js";
import { interpolateEnv } from "./interpolate.js";
import { type Config, ConfigSchema, INPUT_FILE_KEYS, OUTPUT_PATH_KEYS } from "./schema.js";
import { parseYamlSource, type YamlSource } from "./yaml-source.js";
import { joinPath, zodIssuesToConfigIssues } from "./zod-issues.js";

/** A configuration ready to use, with where it came from and what was worth a warning. */
export interface LoadedConfig {
  config: Config;
  /** The file it was read from; undefined for the built-in defaults. */
  file: string | undefined;
  /** Directory that relative paths were resolved against. */
  baseDir: string;
  warnings: ConfigIssue[];
}

export interface LoadOptions {
  /** Environment for `${VAR}` interpolation; defaults to process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Base directory when no file is given; defaults to process.cwd(). */
  cwd?: string;
}

/** Keys the original tool had that this one accepts but does not need. */
const COMPATIBILITY_KEYS: ReadonlyArray<{ path: string[]; why: string }> = [
  { path: ["formulation", "retry_delay"], why: "waiting between attempts is handled by the scheduler" },
  {
    path: ["interaction_generation", "retry_delay"],
    why: "waiting between attempts is handled by the scheduler",
  },
  { path: ["interaction_generation", "max_retries"], why: "retries are set by llm.max_attempts" },
  { path: ["interaction_generation", "max_supplement_rounds"], why: "a rerun resumes failed items instead" },
  {
    path: ["interaction_generation", "user_model", "feedback_probability"],
    why: "the simulated user decides each turn",
  },
  {
    path: ["formulation", "max_retries"],
    why: "a rejected system prompt is sent back with the reason up to llm.max_repair_attempts times",
  },
  { path: ["paths", "persona_specs", "format"], why: "personas are stored as JSONL records in personas/" },
  { path: ["paths", "logs", "level"], why: "the run log records every event" },
  {
    path: ["experiment", "batch_size"],
    why: "items run as calls free up; interaction_generation.max_workers bounds the calls in flight",
  },
  { path: ["experiment", "save_intermediate"], why: "every stage's records are always stored" },
];

/**
 * Loads and validates `config.yaml`. With no file, returns the built-in defaults (offline provider,
 * bundled banks). Every problem is collected and thrown together as one ConfigError; relative paths
 * in the file are resolved against the file's directory.
 */
export function loadConfig(file?: string, options: LoadOptions = {}): LoadedConfig {
  if (file === undefined) return parseConfigValue({}, undefined, options.cwd ?? process.cwd(), options);
  const path = resolve(options.cwd ?? process.cwd(), file);
  let text: string;
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "file not found"
        : code === "EISDIR"
          ? "is a directory, not a file"
          : "cannot be read";
    throw new ConfigError(`config ${reason}`, [], {
      where: path,
      hint:
        code === "ENOENT" ? "run `personasynth init` to write one, or omit --config for the defaults" : "",
      cause: error,
    });
  }
  return parseConfigText(text, path, options);
}

/** Validates config text as if read from `file` (whose directory anchors relative paths). */
export function parseConfigText(text: string, file: string, options: LoadOptions = {}): LoadedConfig {
  const source = parseYamlSource(text, file);
  return parseConfigValue(source.value, source, dirname(file), options);
}

/**
 * Validates an already-parsed configuration object (what a library user passes in code).
 * Relative paths are resolved against `baseDir`.
 */
export function parseConfigValue(
  raw: unknown,
  source: YamlSource | undefined,
  baseDir: string,
  options: LoadOptions = {},
): LoadedConfig {
  const file = source?.file;
  const where = (path: Array<string | number>): Pick<ConfigIssue, "file" | "line" | "column"> => {
    const pos = source?.locate(path);
    return file === undefined ? {} : pos ? { file, line: pos.line, column: pos.column } : { file };
  };
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new ConfigError("the configuration must be a mapping of sections", [
      {
        severity: "error",
        path: "",
        message: `expected a mapping, got ${Array.isArray(raw) ? "a list" : typeof raw}`,
        ...where([]),
      },
    ]);
  }
  const { value, unset } = interpolateEnv(raw, options.env ?? process.env);
  const warnings: ConfigIssue[] = unset.map((u) => ({
    severity: "warning",
    path: joinPath(u.path),
    message: `environment variable ${u.variable} is not set`,
    ...where(u.path),
  }));
  for (const { path, why } of COMPATIBILITY_KEYS) {
    if (hasPath(value, path)) {
      warnings.push({
        severity: "warning",
        path: joinPath(path),
        message: `accepted but has no effect: ${why}`,
        ...where(path),
      });
    }
  }

  const parsed = ConfigSchema.safeParse(value);
  const errors: ConfigIssue[] = parsed.success
    ? []
    : zodIssuesToConfigIssues(parsed.error.issues, source, ConfigSchema);
  for (const finding of crossChecks(value)) {
    errors.push({
      severity: "error",
      path: joinPath(finding.path),
      message: finding.message,
      ...where(finding.path),
    });
  }
  for (const missing of missingInputFiles(value, baseDir)) {
    errors.push({
      severity: "error",
      path: joinPath(missing.path),
      message: `file not found: ${missing.resolved}`,
      ...where(missing.path),
    });
  }
  if (errors.length > 0 || !parsed.success) {
    throw new ConfigError(describeCount(file, errors.length), [...errors, ...warnings], whereOption(file));
  }
  const config = withOriginalPlacements(parsed.data, value);
  for (const unused of unusedSettings(config)) {
    warnings.push({
      severity: "warning",
      path: joinPath(unused.path),
      message: `accepted but has no effect here: ${unused.why}`,
      ...where(unused.path),
    });
  }
  return { config: resolvePaths(config, baseDir), file, baseDir, warnings };
}

/** Settings the original tool expressed otherwise, turned into this tool's. */
function withOriginalPlacements(config: Config, raw: unknown): Config {
  let out = config;
  const format = config.experiment.output_format;
  if (format !== undefined && !hasPath(raw, ["training_data", "output_format"]))
    out = { ...out, training_data: { ...out.training_data, output_format: format } };
  // The original used its partial template for half the queries whenever one was given.
  const style = config.query_generation.style_transfer;
  if (
    style.partial_template !== undefined &&
    !hasPath(raw, ["query_generation", "style_transfer", "prompt_type"])
  ) {
    out = {
      ...out,
      query_generation: { ...out.query_generation, style_transfer: { ...style, prompt_type: "mixed" } },
    };
  }
  return out;
}

/** Valid settings that the rest of this configuration leaves without effect. */
function unusedSettings(config: Config): Array<{ path: string[]; why: string }> {
  const d = config.distractor;
  const unused: Array<{ path: string[]; why: string }> = [];
  if (d.use_semantic && d.noise_strategies !== undefined)
    unused.push({
      path: ["distractor", "noise_strategies"],
      why: "they are the rule-based noise (use_semantic: false)",
    });
  const paraphrases = !d.use_semantic && (d.noise_strategies ?? []).some((s) => s.name === "paraphrase");
  if (d.llm?.enabled && !paraphrases) {
    unused.push({
      path: ["distractor", "llm"],
      why: "it configures the LLM `paraphrase` strategy of rule-based noise (use_semantic: false); the semantic distractor uses distractor.model",
    });
  }
  return unused;
}

function whereOption(file: string | undefined): { where?: string } {
  return file === undefined ? {} : { where: file };
}

function describeCount(file: string | undefined, count: number): string {
  return `${file === undefined ? "configuration" : "config"} has ${count} problem${count === 1 ? "" : "s"}`;
}

function hasPath(value: unknown, path: ReadonlyArray<string>): boolean {
  let node = value;
  for (const part of path) {
    if (node === null || typeof node !== "object" || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return true;
}

function setPath(value: unknown, path: ReadonlyArray<string | number>, next: unknown): void {
  let node = value as Record<string | number, unknown>;
  for (const part of path.slice(0, -1)) node = node[part] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = next;
}

/** Returns a copy of the config with every relative input and output path made absolute. */
export function resolvePaths(config: Config, baseDir: string): Config {
  const copy = structuredClone(config);
  const absolute = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));
  for (const key of [...INPUT_FILE_KEYS, ...OUTPUT_PATH_KEYS]) {
    const current = get(copy, key);
    if (typeof current === "string") setPath(copy, key, absolute(current));
  }
  copy.paths.query_datasets = copy.paths.query_datasets.map((entry) =>
    typeof entry === "string" ? absolute(entry) : { ...entry, path: absolute(entry.path) },
  );
  return copy;
}

/** Input files named in the raw config that do not exist (checked even when other keys are invalid). */
function missingInputFiles(
  raw: unknown,
  baseDir: string,
): Array<{ path: Array<string | number>; resolved: string }> {
  const missing: Array<{ path: Array<string | number>; resolved: string }> = [];
  const check = (path: Array<string | number>) => {
    const value = get(raw, path);
    if (typeof value !== "string" || value === "") return;
    const resolved = isAbsolute(value) ? value : resolve(baseDir, value);
    if (!existsSync(resolved)) missing.push({ path, resolved });
  };
  for (const key of INPUT_FILE_KEYS) check([...key]);
  const datasets = get(raw, ["paths", "query_datasets"]);
  if (Array.isArray(datasets)) {
    datasets.forEach((entry, i) => {
      check(
        typeof entry === "string" ? ["paths", "query_datasets", i] : ["paths", "query_datasets", i, "path"],
      );
    });
  }
  return missing;
}

/**
 * The configuration a library class was given: a full Config, a partial dict as the original tool
 * passed around, or nothing (defaults). Relative paths resolve against the working directory.
 */
export function resolveConfig(input?: unknown): Config {
  return parseConfigValue(input ?? {}, undefined, process.cwd()).config;
}
