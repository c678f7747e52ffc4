import { z } from "zod";
import { summarizeZodIssues } from "../config/zod-issues.js";
import { DataError } from "../errors.js";
import {
  MessageSchema,
  NoisyVersionSchema,
  NoisyVersionsSchema,
  PersonaFeaturesSchema,
} from "../interaction/record.js";
import type { PersonaFeatures } from "../persona/persona.js";
import {
  type NoisyTrajectoryItem,
  type NoisyVersion,
  noisyInitialQueriesFrom,
  noisyTrajectoriesFrom,
} from "./noisy.js";
import type { NoiseDecision } from "./strategy-rates.js";

/** A message of `full_conversation`: role and content, plus the original tool's per-message metadata. */
export interface ConversationMessage {
  role: "system" | "user" | "assistant";
  content: string;
  metadata?: Record<string, unknown>;
  [extra: string]: unknown;
}

/** The JSON form of a sample, keys exactly as the Training Data API documents them. */
export interface TrainingSampleDict {
  sample_id: string;
  persona_id: string;
  persona_features?: PersonaFeatures;
  /** The system prompt the assistant saw (with `format.include_system_prompt`). */
  system_prompt?: string;
  original_query: string;
  initial_query: string;
  prompt_trajectory?: string[];
  full_conversation?: ConversationMessage[];
  num_turns: number;
  noisy_initial_queries?: NoisyVersion[];
  noisy_trajectories?: NoisyTrajectoryItem[];
  /** What the semantic distractor extracted and did (with `format.include_semantic_noise`). */
  semantic_noise?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  [extra: string]: unknown;
}

const SampleDictSchema = z.looseObject({
  sample_id: z.string().min(1),
  persona_id: z.string().min(1),
  persona_features: PersonaFeaturesSchema.optional(),
  system_prompt: z.string().optional(),
  original_query: z.string(),
  initial_query: z.string(),
  prompt_trajectory: z.array(z.string()).optional(),
  full_conversation: z.array(MessageSchema).optional(),
  num_turns: z.number().int().min(0),
  noisy_initial_queries: z.array(NoisyVersionSchema).optional(),
  noisy_trajectories: z.array(NoisyVersionSchema.extend({ turn: z.number().int().min(0) })).optional(),
  semantic_noise: z.record(z.string(), z.unknown()).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

const KNOWN_KEYS = new Set([
  "sample_id",
  "persona_id",
  "persona_features",
  "system_prompt",
  "original_query",
  "initial_query",
  "prompt_trajectory",
  "full_conversation",
  "num_turns",
  "noisy_initial_queries",
  "noisy_trajectories",
  "semantic_noise",
  "metadata",
]);

/** The fields of a sample; optional ones are absent when the export format excludes them. */
export interface TrainingSampleFields {
  sampleId: string;
  personaId: string;
  personaFeatures?: PersonaFeatures | undefined;
  systemPrompt?: string | undefined;
  originalQuery: string;
  initialQuery: string;
  promptTrajectory?: string[] | undefined;
  fullConversation?: ConversationMessage[] | undefined;
  numTurns: number;
  noisyInitialQueries?: NoisyVersion[] | undefined;
  noisyTrajectories?: NoisyTrajectoryItem[] | undefined;
  semanticNoise?: Record<string, unknown> | undefined;
  metadata?: Record<string, unknown> | undefined;
  /** Top-level keys this version does not know, kept so a round trip loses nothing. */
  extra?: Record<string, unknown> | undefined;
  /**
   * Every noise decision on the user texts, skipped texts included (the collector knows them from
   * the stored record): what the statistics' per-strategy rates count. Never exported.
   */
  noiseDecisions?: NoiseDecision[] | undefined;
}

/**
 * One training sample (the seed's `TrainingSample`): a persona, its query before and after style
 * transfer, the user's prompt trajectory, the full conversation, and noisy versions of the prompts.
 */
export class TrainingSample implements TrainingSampleFields {
  sampleId: string;
  personaId: string;
  personaFeatures: PersonaFeatures | undefined;
  systemPrompt: string | undefined;
  originalQuery: string;
  initialQuery: string;
  promptTrajectory: string[] | undefined;
  fullConversation: ConversationMessage[] | undefined;
  numTurns: number;
  noisyInitialQueries: NoisyVersion[] | undefined;
  noisyTrajectories: NoisyTrajectoryItem[] | undefined;
  semanticNoise: Record<string, unknown> | undefined;
  metadata: Record<string, unknown> | undefined;
  extra: Record<string, unknown> | undefined;
  noiseDecisions: NoiseDecision[] | undefined;

  constructor(fields: TrainingSampleFields) {
    this.sampleId = fields.sampleId;
    this.personaId = fields.personaId;
    this.personaFeatures = fields.personaFeatures;
    this.systemPrompt = fields.systemPrompt;
    this.originalQuery = fields.originalQuery;
    this.initialQuery = fields.initialQuery;
    this.promptTrajectory = fields.promptTrajectory;
    this.fullConversation = fields.fullConversation;
    this.numTurns = fields.numTurns;
    this.noisyInitialQueries = fields.noisyInitialQueries;
    this.noisyTrajectories = fields.noisyTrajectories;
    this.semanticNoise = fields.semanticNoise;
    this.metadata = fields.metadata;
    this.extra = fields.extra;
    this.noiseDecisions = fields.noiseDecisions;
  }

  /** True when at least one user prompt has a noisy version. */
  get hasNoise(): boolean {
    return (this.noisyInitialQueries?.length ?? 0) + (this.noisyTrajectories?.length ?? 0) > 0;
  }

  /** The JSON form, keys in the documented order; fields left out by the export format are absent. */
  toDict(): TrainingSampleDict {
    const ordered: Record<string, unknown> = {
      sample_id: this.sampleId,
      persona_id: this.personaId,
      persona_features: this.personaFeatures,
      system_prompt: this.systemPrompt,
      original_query: this.originalQuery,
      initial_query: this.initialQuery,
      prompt_trajectory: this.promptTrajectory,
      full_conversation: this.fullConversation,
      num_turns: this.numTurns,
      noisy_initial_queries: this.noisyInitialQueries,
      noisy_trajectories: this.noisyTrajectories,
      semantic_noise: this.semanticNoise,
      metadata: this.metadata,
      ...this.extra,
    };
    for (const key of Object.keys(ordered)) if (ordered[key] === undefined) delete ordered[key];
    return ordered as TrainingSampleDict;
  }

  /**
   * Reads a sample dict: ours, or one written by the original Python tool, whose noisy versions sit in
   * `metadata.noisy_versions` (they are brought out as `noisy_initial_queries` / `noisy_trajectories`;
   * the metadata itself is kept untouched).
   */
  static fromDict(data: unknown, where?: string): TrainingSample {
    const parsed = SampleDictSchema.safeParse(data);
    if (!parsed.success) {
      throw new DataError(`not a training sample: ${summarizeZodIssues(parsed.error.issues, data)}`, {
        ...(where === undefined ? {} : { where }),
      });
    }
    const d = parsed.data;
    const extra: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(d)) if (!KNOWN_KEYS.has(key)) extra[key] = value;

    let noisyInitial = d.noisy_initial_queries as NoisyVersion[] | undefined;
    let noisyTrajectories = d.noisy_trajectories as NoisyTrajectoryItem[] | undefined;
    const upstream = d.metadata?.noisy_versions;
    if (noisyInitial === undefined && noisyTrajectories === undefined && upstream !== undefined) {
      const noisy = NoisyVersionsSchema.safeParse(upstream);
      if (noisy.success) {
        noisyInitial = noisyInitialQueriesFrom(noisy.data);
        noisyTrajectories = noisyTrajectoriesFrom(noisy.data);
      }
    }
    return new TrainingSample({
      sampleId: d.sample_id,
      personaId: d.persona_id,
      personaFeatures: d.persona_features,
      systemPrompt: d.system_prompt,
      originalQuery: d.original_query,
      initialQuery: d.initial_query,
      promptTrajectory: d.prompt_trajectory,
      fullConversation: d.full_conversation as ConversationMessage[] | undefined,
      numTurns: d.num_turns,
      noisyInitialQueries: noisyInitial,
      noisyTrajectories: noisyTrajectories,
      semanticNoise: d.semantic_noise,
      metadata: d.metadata,
      extra: Object.keys(extra).length > 0 ? extra : undefined,
    });
  }
}
