import { z } from "zod";
import { EXPORT_FORMATS } from "../export/formats.js";
import {
  ApiSchema,
  LlmSchema,
  ModelSpecSchema,
  OpenRouterSchema,
  PoolEntrySchema,
  ProviderSchema,
} from "./schema-models.js";

/**
 * The configuration schema: the single source of truth for `config.yaml`. Section and key names follow
 * the original Python tool so its users can bring their files; every object is strict (unknown keys
 * are reported), every default is filled here.
 */

const rate = z.number().min(0).max(1);
const positiveInt = z.number().int().positive();
const filePath = z.string().min(1);
const outputDir = (dir: string) => z.strictObject({ output_dir: filePath.default(dir) }).prefault({});

const PathsSchema = z
  .strictObject({
    persona_bank: z.strictObject({ persona: filePath.optional() }).prefault({}),
    sampling: z.strictObject({ config: filePath.optional() }).prefault({}),
    persona_specs: z
      .strictObject({
        output_dir: filePath.default("output/personas"),
        format: z.enum(["json", "jsonl"]).default("json"),
      })
      .prefault({}),
    queries: outputDir("output/queries"),
    interactions: outputDir("output/interactions"),
    training_data: outputDir("output/training_data"),
    logs: z
      .strictObject({
        dir: filePath.default("output/logs"),
        level: z.enum(["DEBUG", "INFO", "WARNING", "ERROR"]).default("INFO"),
      })
      .prefault({}),
    /** Seed query datasets; the bundled bank is used when none is named. */
    query_datasets: z
      .array(
        z.union([
          filePath,
          z.strictObject({
            path: filePath,
            name: z.string().min(1).optional(),
            format: z.enum(["jsonl", "json", "csv", "sharegpt", "parquet"]).optional(),
            max_queries: positiveInt.optional(),
          }),
        ]),
      )
      .default([]),
  })
  .prefault({});

const PersonaGenerationSchema = z
  .strictObject({
    num_personas: positiveInt.default(10),
    sampling_strategy: z.enum(["random", "stratified", "custom", "coverage"]).optional(),
    feature_availability_rate: rate.optional(),
    diversity: z
      .strictObject({
        enabled: z.boolean().optional(),
        min_hamming_distance: z.number().int().min(0).optional(),
        max_retries: positiveInt.optional(),
        max_attempts: positiveInt.optional(),
      })
      .prefault({}),
    /** Ask the model for a concrete value when a sampled value is `others`. */
    resolve_others: z.boolean().default(false),
  })
  .prefault({});

const FormulationSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    system_prompt_template: filePath.optional(),
    max_retries: z.number().int().min(0).max(10).default(3),
    /** Accepted for compatibility; waiting between attempts is the scheduler's job. */
    retry_delay: z.number().min(0).optional(),
    validate_output: z.boolean().default(true),
    min_prompt_length: z.number().int().min(0).default(50),
    refusal_phrases: z.array(z.string().min(1)).optional(),
    model: ModelSpecSchema.optional(),
  })
  .prefault({});

const QueryGenerationSchema = z
  .strictObject({
    /** The original tool's cap on the seed queries loaded, over all datasets (null or 0: all). */
    max_queries: z.number().int().min(0).nullable().optional(),
    dataset: z
      .strictObject({
        path: filePath.optional(),
        name: z.string().min(1).optional(),
        max_queries: positiveInt.nullable().optional(),
      })
      .prefault({}),
    selection: z
      .strictObject({
        strategy: z.enum(["random", "round_robin"]).default("random"),
        queries_per_persona: positiveInt.default(3),
      })
      .prefault({}),
    /**
     * When the unused seed queries cannot fill the plan: use queries earlier runs used (or, if still
     * short, any query again; never twice for one persona). Otherwise the run stops before any call.
     */
    allow_reuse: z.boolean().default(false),
    /** When the unused seed queries cannot fill the plan: plan as many personas as they fill, announced. */
    shrink_to_fit: z.boolean().default(false),
    style_transfer: z
      .strictObject({
        enabled: z.boolean().default(true),
        transfer_probability: rate.default(1),
        prompt_type: z.enum(["full", "partial", "mixed"]).default("full"),
        template: filePath.optional(),
        partial_template: filePath.optional(),
        model: ModelSpecSchema.optional(),
        meaning_check: z
          .strictObject({
            enabled: z.boolean().default(false),
            threshold: rate.default(0.5),
            max_retries: z.number().int().min(0).max(5).default(1),
            model: ModelSpecSchema.optional(),
          })
          .prefault({}),
      })
      .prefault({}),
  })
  .prefault({});

const InteractionGenerationSchema = z
  .strictObject({
    min_turns: positiveInt.default(2),
    max_turns: positiveInt.default(5),
    /**
     * The original tool's name for the run's concurrency: here, calls in flight for the whole run
     * (`--concurrency`). Default: the sum of the endpoints' limits (32 each unless declared).
     */
    max_workers: positiveInt.optional(),
    max_retries: z.number().int().min(0).optional(),
    retry_delay: z.number().min(0).optional(),
    max_supplement_rounds: z.number().int().min(0).optional(),
    assistant_model: ModelSpecSchema.extend({
      model_pool: z.array(PoolEntrySchema).min(1).optional(),
      /** Give the assistant the persona's system prompt (the user never sees it). */
      use_system_prompt: z.boolean().default(true),
    }).prefault({}),
    user_model: ModelSpecSchema.extend({
      system_prompt_template: filePath.optional(),
      /** Accepted for compatibility with the original tool. */
      feedback_probability: rate.optional(),
    }).prefault({}),
  })
  .prefault({});

const NOISE_RULES = [
  "typo",
  "word_swap",
  "word_deletion",
  "word_insertion",
  "synonym_replacement",
  "paraphrase",
  "misspelling",
  "char_swap",
  "char_drop",
  "char_double",
  "word_segmentation",
  "casing",
  "punctuation",
  "emoji",
  "filler",
  "truncation",
  "abbreviation",
] as const;

const DistractorSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    use_semantic: z.boolean().default(true),
    activation_probability: rate.default(0.25),
    /**
     * When a drawn semantic strategy cannot apply to a text, apply one of the layer's undrawn
     * strategies that can instead (recorded). Off: every strategy keeps its configured rate.
     */
    replace_inapplicable: z.boolean().default(false),
    strategy_path: filePath.optional(),
    apply_to: z
      .strictObject({
        initial_query: z.boolean().default(true),
        follow_up_feedback: z.boolean().default(true),
      })
      .prefault({}),
    noise_strategies: z
      .array(
        z.strictObject({
          name: z.enum(NOISE_RULES),
          probability: rate.default(0.3),
          intensity: rate.optional(),
          num_swaps: positiveInt.optional(),
          deletion_rate: rate.optional(),
          insertion_rate: rate.optional(),
        }),
      )
      .optional(),
    model: ModelSpecSchema.optional(),
    /**
     * The original tool's model of the LLM `paraphrase` strategy of rule-based noise (and its
     * template); `enabled: false` turns that LLM step off.
     */
    llm: ModelSpecSchema.extend({
      enabled: z.boolean().default(true),
      template: filePath.optional(),
    }).optional(),
    intent_extraction_template: filePath.optional(),
    noise_generation_template: filePath.optional(),
    paraphrase_template: filePath.optional(),
  })
  .prefault({});

const SplitSchema = z.preprocess(
  (value) => {
    // `val` is the original tool's spelling of `validation`.
    if (value && typeof value === "object" && !Array.isArray(value) && "val" in value) {
      const { val, ...rest } = value as Record<string, unknown>;
      return "validation" in rest ? value : { ...rest, validation: val };
    }
    return value;
  },
  z.strictObject({ train: rate.default(0.8), validation: rate.default(0.1), test: rate.default(0.1) }),
);

const TrainingDataSchema = z
  .strictObject({
    format: z
      .strictObject({
        include_persona: z.boolean().default(true),
        include_trajectory: z.boolean().default(true),
        include_full_conversation: z.boolean().default(true),
        include_distractor_versions: z.boolean().default(true),
        include_metadata: z.boolean().default(true),
        /** The intent, slots and compressed text the semantic distractor extracted (`semantic_noise`). */
        include_semantic_noise: z.boolean().default(false),
        /** The system prompt the assistant saw (`system_prompt`). */
        include_system_prompt: z.boolean().default(false),
      })
      .prefault({}),
    split: SplitSchema.prefault({}),
    /** Duplicates are always counted in the statistics; `remove` leaves them out of exports. */
    dedup: z
      .strictObject({
        remove: z.enum(["none", "exact", "near"]).default("none"),
        /** Estimated Jaccard similarity (word bigrams of the prompt trajectory) of a near duplicate. */
        threshold: z.number().gt(0).max(1).default(0.8),
      })
      .prefault({}),
    filter: z
      .strictObject({
        /** Leave out samples whose judge score (0–1) is below this; unscored samples are kept and counted. */
        min_score: rate.nullable().default(null),
      })
      .prefault({}),
    /** `json` writes one array per file; `jsonl` streams one sample per line. */
    output_format: z.enum(["json", "jsonl"]).default("json"),
    /** Formats every export writes (default: `[output_format]`). */
    formats: z.array(z.enum(EXPORT_FORMATS)).min(1).optional(),
    /** Split into train/validation/test when exporting at the end of a run. */
    split_on_export: z.boolean().default(true),
    /** `_YYYYmmdd_HHMMSS` in exported file names (false: each export replaces the last). */
    use_timestamp: z.boolean().default(true),
    /** Keep this many timestamped exports in the output directory, pruning older ones (default: all). */
    keep_exports: positiveInt.optional(),
    /** How the `openai` and `sharegpt` formats build their messages. */
    chat: z
      .strictObject({
        /** Whose turns are the targets: the assistant's, or the simulated user's (persona as system). */
        target: z.enum(["assistant", "user"]).default("assistant"),
        /** The user text as the assistant saw it (`noisy`) or before noise was injected (`clean`). */
        user_text: z.enum(["noisy", "clean"]).default("noisy"),
      })
      .prefault({}),
    /** The dataset card of the `parquet` format. */
    card: z
      .strictObject({
        pretty_name: z.string().min(1).optional(),
        /** A Hub license id; the license of generated data depends on your providers' terms. */
        license: z.string().min(1).default("unknown"),
        language: z.array(z.string().min(1)).min(1).default(["en"]),
      })
      .prefault({}),
  })
  .prefault({});

/** The optional quality judge: scores each conversation on a rubric (quality/judge-operation.ts). */
const JudgeSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    model: ModelSpecSchema.optional(),
    template: filePath.optional(),
  })
  .prefault({});

const ExperimentSchema = z
  .strictObject({
    name: z.string().min(1).optional(),
    seed: z.union([z.number().int(), z.string().min(1)]).default(42),
    batch_size: positiveInt.default(50),
    incremental: z.boolean().default(true),
    /** The original tool's place for `training_data.output_format` (both set must agree). */
    output_format: z.enum(["json", "jsonl"]).optional(),
    /** Accepted for compatibility: every stage's records are always stored. */
    save_intermediate: z.boolean().optional(),
    stages: z
      .strictObject({
        persona_generation: z.boolean().default(true),
        query_generation: z.boolean().default(true),
        interaction_generation: z.boolean().default(true),
        distractor_application: z.boolean().default(true),
        training_data_export: z.boolean().default(true),
      })
      .prefault({}),
  })
  .prefault({});

/** The whole `config.yaml`. */
export const ConfigSchema = z.strictObject({
  api: ApiSchema,
  openrouter: OpenRouterSchema,
  providers: z.record(z.string().min(1), ProviderSchema).default({}),
  llm: LlmSchema,
  paths: PathsSchema,
  persona_generation: PersonaGenerationSchema,
  formulation: FormulationSchema,
  query_generation: QueryGenerationSchema,
  interaction_generation: InteractionGenerationSchema,
  distractor: DistractorSchema,
  training_data: TrainingDataSchema,
  experiment: ExperimentSchema,
  judge: JudgeSchema,
});

/** The validated configuration, defaults filled. Relative paths are already resolved when loaded from a file. */
export type Config = z.output<typeof ConfigSchema>;
/** What a user may write: every key optional. */
export type ConfigInput = z.input<typeof ConfigSchema>;

/** Keys whose values name files that must exist (relative to the config file's directory). */
export const INPUT_FILE_KEYS: ReadonlyArray<ReadonlyArray<string>> = [
  ["paths", "persona_bank", "persona"],
  ["paths", "sampling", "config"],
  ["formulation", "system_prompt_template"],
  ["query_generation", "dataset", "path"],
  ["query_generation", "style_transfer", "template"],
  ["query_generation", "style_transfer", "partial_template"],
  ["interaction_generation", "user_model", "system_prompt_template"],
  ["distractor", "strategy_path"],
  ["distractor", "intent_extraction_template"],
  ["distractor", "noise_generation_template"],
  ["distractor", "paraphrase_template"],
  ["judge", "template"],
  ["distractor", "llm", "template"],
];

/** Keys whose values name directories or files the tool writes. */
export const OUTPUT_PATH_KEYS: ReadonlyArray<ReadonlyArray<string>> = [
  ["paths", "persona_specs", "output_dir"],
  ["paths", "queries", "output_dir"],
  ["paths", "interactions", "output_dir"],
  ["paths", "training_data", "output_dir"],
  ["paths", "logs", "dir"],
  ["llm", "cache", "path"],
];
