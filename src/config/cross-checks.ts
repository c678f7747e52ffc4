import { BUILTIN_PROVIDERS } from "./schema-models.js";
import { closest } from "./zod-issues.js";

/**
 * Checks that span several keys (ratios that must sum to 1, turn bounds, provider names). They run on
 * the raw value, independently of the schema, so that one wrong type elsewhere does not hide them:
 * a user sees every problem in one pass. Each finding is a key path and a message.
 */
export interface CrossFinding {
  path: Array<string | number>;
  message: string;
}

const TOLERANCE = 1e-6;

export function crossChecks(raw: unknown): CrossFinding[] {
  const findings: CrossFinding[] = [];
  /** The number at `path`, the default when absent, undefined when it has the wrong type. */
  const num = (path: Array<string | number>, fallback: number) => {
    const v = get(raw, path);
    return v === undefined ? fallback : typeof v === "number" ? v : undefined;
  };

  const splitRaw = get(raw, ["training_data", "split"]);
  const split = ["train", "validation", "test"].map((key, i) => {
    const alias = key === "validation" ? get(splitRaw, ["val"]) : undefined;
    const v = get(splitRaw, [key]) ?? alias;
    return v === undefined ? ([0.8, 0.1, 0.1][i] as number) : typeof v === "number" ? v : Number.NaN;
  });
  const total = split.reduce((a, b) => a + b, 0);
  if (!Number.isNaN(total) && Math.abs(total - 1) > TOLERANCE) {
    findings.push({
      path: ["training_data", "split"],
      message: `split ratios must sum to 1 (train ${split[0]} + validation ${split[1]} + test ${split[2]} = ${round(total)})`,
    });
  }

  const minTurns = num(["interaction_generation", "min_turns"], 2);
  const maxTurns = num(["interaction_generation", "max_turns"], 5);
  if (minTurns !== undefined && maxTurns !== undefined && minTurns > maxTurns) {
    findings.push({
      path: ["interaction_generation", "min_turns"],
      message: `min_turns (${minTurns}) must not exceed max_turns (${maxTurns})`,
    });
  }

  const pool = get(raw, ["interaction_generation", "assistant_model", "model_pool"]);
  if (Array.isArray(pool) && pool.length > 0) {
    const weights = pool.reduce(
      (sum: number, entry) =>
        sum + (typeof get(entry, ["weight"]) === "number" ? (get(entry, ["weight"]) as number) : 0),
      0,
    );
    if (Math.abs(weights - 1) > TOLERANCE) {
      findings.push({
        path: ["interaction_generation", "assistant_model", "model_pool"],
        message: `model pool weights must sum to 1 (they sum to ${round(weights)})`,
      });
    }
  }

  const formats = [get(raw, ["experiment", "output_format"]), get(raw, ["training_data", "output_format"])];
  if (typeof formats[0] === "string" && typeof formats[1] === "string" && formats[0] !== formats[1]) {
    findings.push({
      path: ["experiment", "output_format"],
      message: `experiment.output_format (${formats[0]}) and training_data.output_format (${formats[1]}) disagree: keep one`,
    });
  }

  const defined = get(raw, ["providers"]);
  for (const [path, name] of providerReferences(raw)) {
    const known =
      (BUILTIN_PROVIDERS as readonly string[]).includes(name) ||
      (defined !== null && typeof defined === "object" && name in defined);
    if (!known) {
      const names = [
        ...BUILTIN_PROVIDERS,
        ...(defined !== null && typeof defined === "object" ? Object.keys(defined) : []),
      ];
      const suggestion = closest(name, names);
      findings.push({
        path,
        message: `unknown provider "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}: use one of ${names.join(", ")}, or define it under providers:`,
      });
    }
  }
  return findings;
}

/** Every place a model spec names a provider, with its key path. */
export function providerReferences(raw: unknown): Array<[Array<string | number>, string]> {
  const specs: Array<Array<string | number>> = [
    ["api"],
    ["formulation", "model"],
    ["query_generation", "style_transfer", "model"],
    ["query_generation", "style_transfer", "meaning_check", "model"],
    ["interaction_generation", "assistant_model"],
    ["interaction_generation", "user_model"],
    ["distractor", "model"],
  ];
  // A switched-off judge calls nobody either.
  if (get(raw, ["judge", "enabled"]) === true) specs.push(["judge", "model"]);
  // A switched-off LLM paraphrase step calls nobody: its provider needs no key.
  if (get(raw, ["distractor", "llm", "enabled"]) !== false) specs.push(["distractor", "llm"]);
  const pool = get(raw, ["interaction_generation", "assistant_model", "model_pool"]);
  if (Array.isArray(pool)) {
    for (let i = 0; i < pool.length; i++)
      specs.push(["interaction_generation", "assistant_model", "model_pool", i]);
  }
  const refs: Array<[Array<string | number>, string]> = [];
  for (const spec of specs) {
    const name = get(raw, [...spec, "provider"]);
    if (typeof name === "string") refs.push([[...spec, "provider"], name]);
  }
  return refs;
}

/** The value at a key path of a raw parsed document, or undefined. */
export function get(value: unknown, path: ReadonlyArray<string | number>): unknown {
  let node = value;
  for (const part of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
