import { resolveConfig } from "../config/load.js";
import type { Config } from "../config/schema.js";
import { summarizeZodIssues } from "../config/zod-issues.js";
import { DataError } from "../errors.js";
import { fastInteraction } from "../interaction/fast-check.js";
import { type Interaction, InteractionSchema, isImported } from "../interaction/record.js";
import { noisyInitialQueriesFrom, noisyTrajectoriesFrom } from "./noisy.js";
import { type ConversationMessage, TrainingSample } from "./sample.js";
import { noiseDecisionsOf } from "./strategy-rates.js";

/**
 * Metadata keys whose content moves into the sample's own fields (noisy versions, semantic noise,
 * the system prompt), so the sample's metadata never repeats them.
 */
const MOVED_METADATA_KEYS = new Set(["noisy_versions", "semantic_noise", "system_prompt"]);

/** Called for an interaction that cannot become a sample, with the reason. */
export type SkipHandler = (interactionId: string | undefined, reason: string) => void;

/**
 * Turns stored interactions into training samples (the seed's `TrainingDataCollector`), honouring
 * `training_data.format.include_*` (the system prompt the assistant saw and the semantic noise
 * extraction are left out unless asked for).
 */
export class TrainingDataCollector {
  private readonly format: Config["training_data"]["format"];

  /** @param config a loaded Config, a partial config dict, or nothing for the defaults. */
  constructor(config?: unknown) {
    this.format = resolveConfig(config).training_data.format;
  }

  /**
   * Converts one interaction. `prompt_trajectory` is the user messages in order (as the assistant saw
   * them); `num_turns` counts assistant replies. Throws DataError when the record is malformed.
   */
  interactionToTrainingSample(interaction: unknown): TrainingSample {
    const fast = fastInteraction(interaction);
    if (fast) return this.convert(fast);
    const parsed = InteractionSchema.safeParse(interaction);
    if (!parsed.success) {
      const id = (interaction as { interaction_id?: unknown } | null)?.interaction_id;
      throw new DataError(
        `not an interaction record: ${summarizeZodIssues(parsed.error.issues, interaction)}`,
        {
          ...(typeof id === "string" ? { where: id } : {}),
        },
      );
    }
    // The metadata as written, not as parsed: the schema fills defaults and reorders keys.
    const written = (interaction as { metadata?: Record<string, unknown> }).metadata;
    return this.convert(parsed.data, written ?? parsed.data.metadata);
  }

  /**
   * Why this interaction cannot become a sample (what an export would skip it for), or undefined.
   * An arrow property: it is handed around as a record check.
   */
  readonly problemOf = (interaction: unknown): string | undefined => {
    try {
      this.interactionToTrainingSample(interaction);
      return undefined;
    } catch (error) {
      if (error instanceof DataError) return error.message;
      throw error;
    }
  };

  private convert(
    interaction: Interaction,
    written: Record<string, unknown> = interaction.metadata,
  ): TrainingSample {
    const messages = interaction.messages.filter((m) => m.role !== "system");
    const assistantReplies = messages.filter((m) => m.role === "assistant").length;
    if (assistantReplies === 0) {
      throw new DataError("interaction has no assistant reply", { where: interaction.interaction_id });
    }
    const metadata: Record<string, unknown> = { interaction_id: interaction.interaction_id };
    // An imported record's metadata is the original tool's, kept as it wrote it (as TrainingSample.fromDict
    // reads its samples); its noisy versions are surfaced all the same.
    const keepAll = isImported(written);
    for (const [key, value] of Object.entries(written)) {
      if (keepAll || !MOVED_METADATA_KEYS.has(key)) metadata[key] = value;
    }
    const noisy = interaction.metadata.noisy_versions;
    const format = this.format;
    const systemPrompt = interaction.metadata.system_prompt;
    const semanticNoise = interaction.metadata.semantic_noise;
    return new TrainingSample({
      sampleId: interaction.sample_id ?? sampleIdFor(interaction.interaction_id),
      personaId: interaction.persona_id,
      personaFeatures: format.include_persona ? interaction.persona_features : undefined,
      systemPrompt:
        format.include_system_prompt && typeof systemPrompt === "string" ? systemPrompt : undefined,
      originalQuery: interaction.original_query,
      initialQuery: interaction.initial_query,
      promptTrajectory: format.include_trajectory
        ? messages.filter((m) => m.role === "user").map((m) => m.content)
        : undefined,
      fullConversation: format.include_full_conversation ? (messages as ConversationMessage[]) : undefined,
      numTurns: assistantReplies,
      noisyInitialQueries: format.include_distractor_versions ? noisyInitialQueriesFrom(noisy) : undefined,
      noisyTrajectories: format.include_distractor_versions ? noisyTrajectoriesFrom(noisy) : undefined,
      semanticNoise: format.include_semantic_noise && isRecord(semanticNoise) ? semanticNoise : undefined,
      metadata: format.include_metadata ? metadata : undefined,
      noiseDecisions: noiseDecisionsOf([
        ...(noisy?.initial_query?.noisy_versions ?? []),
        ...(noisy?.followups ?? []).flatMap((f) => f.noisy_versions),
      ]),
    });
  }

  /**
   * Converts many interactions. Without `onSkip`, a malformed interaction throws; with it, it is
   * reported there and left out, so one bad record does not stop an export.
   */
  collectFromInteractions(
    interactions: Iterable<unknown>,
    options: { onSkip?: SkipHandler } = {},
  ): TrainingSample[] {
    const samples: TrainingSample[] = [];
    for (const interaction of interactions) {
      const sample = this.tryConvert(interaction, options.onSkip);
      if (sample) samples.push(sample);
    }
    return samples;
  }

  /** The streaming form of {@link collectFromInteractions}: constant memory for any store size. */
  async *collectStream(
    interactions: AsyncIterable<unknown> | Iterable<unknown>,
    options: { onSkip?: SkipHandler } = {},
  ): AsyncGenerator<TrainingSample> {
    for await (const interaction of interactions) {
      const sample = this.tryConvert(interaction, options.onSkip);
      if (sample) yield sample;
    }
  }

  private tryConvert(interaction: unknown, onSkip: SkipHandler | undefined): TrainingSample | undefined {
    if (!onSkip) return this.interactionToTrainingSample(interaction);
    try {
      return this.interactionToTrainingSample(interaction);
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      const id = (interaction as { interaction_id?: unknown } | null)?.interaction_id;
      onSkip(typeof id === "string" ? id : undefined, error.message);
      return undefined;
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** `interaction_<hex>` → `sample_<hex>`; any other id is kept behind a `sample_` prefix. */
export function sampleIdFor(interactionId: string): string {
  return interactionId.startsWith("interaction_")
    ? `sample_${interactionId.slice("interaction_".length)}`
    : `sample_${interactionId}`;
}
