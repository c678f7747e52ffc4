import { z } from "zod";

/** Providers that need no `providers:` entry: their endpoints and key variables are well known. */
export const BUILTIN_PROVIDERS = ["offline", "openai", "openrouter", "anthropic"] as const;

const temperature = z.number().min(0).max(2);
const positiveInt = z.number().int().positive();

const penalty = z.number().min(-2).max(2);

/**
 * Sampling parameters shared by every model reference. The penalties reach the providers whose API
 * has them (OpenAI-compatible ones); for the others they are dropped with a warning.
 */
const inferenceShape = {
  temperature: temperature.optional(),
  max_completion_tokens: positiveInt.optional(),
  max_tokens: positiveInt.optional(),
  top_p: z.number().min(0).max(1).optional(),
  frequency_penalty: penalty.optional(),
  presence_penalty: penalty.optional(),
};

/** The original tool's `inference:` block: the same parameters, nested. */
export const InferenceSchema = z.strictObject(inferenceShape);

/** A reference to one model: which provider (built-in name or a key of `providers`) and which model. */
export const ModelSpecSchema = z.strictObject({
  provider: z.string().min(1).optional(),
  model: z.string().min(1).optional(),
  ...inferenceShape,
});

/**
 * One entry of a weighted assistant model pool. Its parameters may be given directly or, as in the
 * original tool, under `inference:` (a key given directly wins).
 */
export const PoolEntrySchema = z.strictObject({
  provider: z.string().min(1),
  model: z.string().min(1),
  weight: z.number().positive(),
  ...inferenceShape,
  inference: InferenceSchema.optional(),
});

/** The original tool's `api:` section: the default provider and model of every operation. */
export const ApiSchema = z
  .strictObject({
    provider: z.string().min(1).default("offline"),
    model: z.string().min(1).optional(),
    api_key: z.string().optional(),
    base_url: z.string().url().optional(),
    inference: InferenceSchema.prefault({}),
  })
  .prefault({});

/**
 * The original tool's `openrouter:` section. `endpoint` is its spelling of the base URL, usually
 * given as the full `…/chat/completions` URL; both forms are accepted.
 */
export const OpenRouterSchema = z
  .strictObject({
    api_key: z.string().optional(),
    base_url: z.string().url().optional(),
    endpoint: z.string().url().optional(),
  })
  .prefault({});

/** One named endpoint: an OpenAI-compatible server, the Anthropic API, or the offline engine. */
export const ProviderSchema = z.strictObject({
  type: z.enum(["openai-compatible", "anthropic", "offline"]).default("openai-compatible"),
  base_url: z.string().url().optional(),
  api_key: z.string().optional(),
  /** Name of the environment variable holding the key, when not given inline. */
  api_key_env: z.string().min(1).optional(),
  headers: z.record(z.string(), z.string()).default({}),
  /**
   * Calls in flight at once on this provider's endpoint (its base URL), shared by every model it
   * serves and by every provider with the same base URL (the smallest declared limit holds). Default:
   * `interaction_generation.max_workers` when set, else 32.
   */
  max_concurrency: positiveInt.optional(),
  /** Per-model settings: `max_concurrency` gives a model slots of its own within the endpoint's. */
  models: z.record(z.string(), z.strictObject({ max_concurrency: positiveInt.optional() })).default({}),
  requests_per_minute: positiveInt.optional(),
  tokens_per_minute: positiveInt.optional(),
  timeout_ms: positiveInt.optional(),
  /** How structured output is requested: a JSON schema, plain JSON mode, or instructions only. */
  structured_output: z.enum(["json_schema", "json_object", "prompt"]).default("json_schema"),
  /**
   * Anthropic prompt caching: a `cache_control` breakpoint after the system prompt and after the
   * conversation so far (the next turn reads that prefix at a tenth of the input price). OpenAI caches
   * long prefixes by itself.
   */
  cache_control: z
    .strictObject({ system: z.boolean().default(true), history: z.boolean().default(true) })
    .prefault({}),
  /** Send this provider's calls through its batch API (overrides `llm.batch`). */
  batch: z.boolean().optional(),
  /** Which request field carries the output token limit (newer OpenAI models want the first). */
  token_parameter: z.enum(["max_completion_tokens", "max_tokens"]).optional(),
});

/** Per-million-token prices in dollars for one model. */
export const PriceSchema = z.strictObject({
  input: z.number().min(0),
  output: z.number().min(0),
  /** Input tokens read from the prompt cache (default: the input price). */
  cached_input: z.number().min(0).optional(),
  /** Input tokens written to the prompt cache (Anthropic: 1.25 × input; default: the input price). */
  cache_write: z.number().min(0).optional(),
  /** What a batch call pays, as a share of these prices (OpenAI and Anthropic: half). */
  batch_factor: z.number().min(0).max(1).default(0.5),
});

/** Everything about how calls are made: cache, timeouts, attempts, prices, budget. */
export const LlmSchema = z
  .strictObject({
    cache: z
      .strictObject({
        enabled: z.boolean().default(true),
        path: z.string().min(1).optional(),
      })
      .prefault({}),
    timeout_ms: positiveInt.default(120_000),
    max_attempts: positiveInt.max(20).default(6),
    /** How many times output that breaks its schema is sent back with the error. */
    max_repair_attempts: z.number().int().min(0).max(5).default(2),
    /** Dollars per million tokens, keyed by model id. */
    prices: z.record(z.string(), PriceSchema).default({}),
    /** Stop the run cleanly (resumable) once this many dollars are spent. */
    budget_usd: z.number().positive().optional(),
    usage_format: z.enum(["json", "jsonl"]).default("json"),
    /**
     * Batch mode (`--batch`): calls go through the providers' batch APIs (half the price), in rounds.
     * `true` or an object; `providers.<name>.batch` overrides `enabled` per provider.
     */
    batch: z.preprocess(
      (value) => (typeof value === "boolean" ? { enabled: value } : value),
      z
        .strictObject({
          enabled: z.boolean().default(false),
          /** First poll of a batch after this long, then 1.5× longer each time, up to `max_poll_ms`. */
          poll_ms: positiveInt.default(10_000),
          max_poll_ms: positiveInt.default(300_000),
          /** A round is submitted once no call has become ready for this long. */
          quiet_ms: positiveInt.default(1_000),
        })
        .prefault({}),
    ),
  })
  .prefault({});

export type ModelSpec = z.output<typeof ModelSpecSchema>;
export type PoolEntry = z.output<typeof PoolEntrySchema>;
export type ProviderConfig = z.output<typeof ProviderSchema>;
