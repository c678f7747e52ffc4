import type { Config } from "../config/schema.js";
import { INPUT_FILE_KEYS } from "../config/schema.js";
import { ioError } from "../errors.js";
import { contentId, fileSha256 } from "../util/hash.js";
import { inputFiles, seedSources } from "./inputs.js";

/**
 * Config keys that do not shape the data: how fast and where a run goes, what it costs, how it is
 * exported. Everything else — every key not listed here, including keys added later — is part of the
 * generation fingerprint, so a new setting can never let stale data pass as current. `*` matches any
 * key at its level (a provider's name). Add a key here only when no record can differ because of it.
 */
export const NOT_SHAPING_DATA: readonly string[] = [
  // Keys and where they come from (their values are secrets, and never change an answer).
  "api.api_key",
  "openrouter.api_key",
  "providers.*.api_key",
  "providers.*.api_key_env",
  "providers.*.headers",
  // Where a provider is reached: the provider's name and type and the model name identify the model
  // (a local server restarted on another port serves the same one).
  "api.base_url",
  "openrouter.base_url",
  "openrouter.endpoint",
  "providers.*.base_url",
  // Speed: concurrency, rate limits, timeouts, attempts.
  "providers.*.max_concurrency",
  "providers.*.models.*.max_concurrency",
  "providers.*.requests_per_minute",
  "providers.*.tokens_per_minute",
  "providers.*.timeout_ms",
  "interaction_generation.max_workers",
  "llm.timeout_ms",
  "llm.max_attempts",
  // Batch mode is a way of calling (the providers' batch APIs, half the price), not of answering.
  "llm.batch",
  "providers.*.batch",
  // Where outputs go, logs, the response cache.
  "paths.persona_specs.output_dir",
  "paths.persona_specs.format",
  "paths.queries.output_dir",
  "paths.interactions.output_dir",
  "paths.training_data.output_dir",
  "paths.logs.dir",
  "paths.logs.level",
  "llm.cache.enabled",
  "llm.cache.path",
  // Money.
  "llm.prices",
  "llm.budget_usd",
  "llm.usage_format",
  // How many: the size of a run, not the shape of its items (it is part of the plan's id).
  "persona_generation.num_personas",
  "query_generation.shrink_to_fit",
  // Export settings: the whole training_data section (formats, splits, dedup, score filter, card) is
  // read when exporting the store, never when making a record.
  "training_data",
  "experiment.output_format",
  // Labels and keys accepted for compatibility that have no effect.
  "experiment.name",
  "experiment.batch_size",
  "experiment.save_intermediate",
  "formulation.retry_delay",
  "interaction_generation.max_retries",
  "interaction_generation.retry_delay",
  "interaction_generation.max_supplement_rounds",
  "interaction_generation.user_model.feedback_probability",
  // Which stages run now (folded below where one changes what a run writes).
  "experiment.stages",
];

/**
 * The generation fingerprint of a configuration: `gen_` + 12 hex digits of SHA-256 over everything
 * that determines an item's data — the resolved config without {@link NOT_SHAPING_DATA}, with every
 * input file (templates, strategy file, persona bank, sampling config, seed datasets; configured or
 * bundled) replaced by the SHA-256 of its content, so moving a project keeps its generation and
 * editing a template changes it. Reads those files: compute it once per run, not per item.
 *
 * It is part of every plan and item id, and every stored record and exported sample carries it
 * (`metadata.generation`): same config ⇒ the rerun resumes; changed config ⇒ new items, never a
 * silent reuse of data another configuration made.
 */
export function generationFingerprint(config: Config): string {
  return contentId("gen", generationBasis(config), 12);
}

/** What the fingerprint hashes (exported for tests and for explaining a difference). */
export function generationBasis(config: Config): Record<string, unknown> {
  const shaped = structuredClone(config) as unknown as Record<string, unknown>;
  // A run that makes conversations with the distractor stage off makes them without noise: the same
  // data as `distractor.enabled: false`. In a run that makes no conversation the stage changes nothing.
  const stages = config.experiment.stages;
  if (stages.interaction_generation && !stages.distractor_application)
    (shaped.distractor as Record<string, unknown>).enabled = false;
  for (const key of NOT_SHAPING_DATA) remove(shaped, key.split("."));
  // Each input file counts once, by content, under its role (so a template configured with the
  // bundled content is the bundled template); a file key no role knows yet counts by its content.
  const files = Object.fromEntries(
    Object.entries(inputFiles(config)).map(([role, path]) => [role, contentOf(path)]),
  );
  const known = new Set(Object.values(files));
  for (const key of INPUT_FILE_KEYS) replaceWithContent(shaped, key, known);
  const datasets = (shaped.paths as Record<string, unknown>).query_datasets as unknown[];
  (shaped.paths as Record<string, unknown>).query_datasets = datasets.map((entry) =>
    typeof entry === "string"
      ? contentOf(entry)
      : { ...(entry as Record<string, unknown>), path: contentOf((entry as { path: string }).path) },
  );
  const sources = seedSources(config).map((s) => contentOf(s.path));
  return { config: pruneEmpty(shaped), files, datasets: sources };
}

/** Deletes the key at `path` (`*`: every key at that level). */
function remove(node: unknown, path: readonly string[]): void {
  if (node === null || typeof node !== "object") return;
  const [head, ...rest] = path as [string, ...string[]];
  const record = node as Record<string, unknown>;
  for (const key of head === "*" ? Object.keys(record) : [head]) {
    if (rest.length === 0) delete record[key];
    else remove(record[key], rest);
  }
}

/**
 * Drops empty objects, so that an object emptied by the exclusions hashes like one that was empty or
 * absent (`models: { gpt: { max_concurrency: 4 } }` like the default `models: {}`).
 */
function pruneEmpty(node: unknown): unknown {
  if (node === null || typeof node !== "object" || Array.isArray(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const pruned = pruneEmpty(value);
    const empty =
      pruned !== null &&
      typeof pruned === "object" &&
      !Array.isArray(pruned) &&
      Object.keys(pruned).length === 0;
    if (!empty) out[key] = pruned;
  }
  return out;
}

function replaceWithContent(
  node: Record<string, unknown>,
  path: readonly string[],
  known: ReadonlySet<string>,
): void {
  let parent: unknown = node;
  for (const part of path.slice(0, -1)) {
    if (parent === null || typeof parent !== "object") return;
    parent = (parent as Record<string, unknown>)[part];
  }
  const last = path.at(-1) as string;
  if (parent === null || typeof parent !== "object") return;
  const value = (parent as Record<string, unknown>)[last];
  if (typeof value !== "string") return;
  const content = contentOf(value);
  if (known.has(content)) delete (parent as Record<string, unknown>)[last];
  else (parent as Record<string, unknown>)[last] = content;
}

/** A file as its content's SHA-256 (a file the run cannot read fails the run here, with its path). */
function contentOf(path: string): string {
  try {
    return `sha256:${fileSha256(path)}`;
  } catch (error) {
    throw ioError("read", path, error);
  }
}
