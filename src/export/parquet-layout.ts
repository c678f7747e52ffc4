import type { NoisyVersion } from "../training/noisy.js";
import type { TrainingSample } from "../training/sample.js";
import type { Field, FieldType } from "./parquet-fields.js";

const STRING_LIST: FieldType = { list: "string" };

const EDIT: FieldType = {
  struct: [
    { name: "strategy", type: "string" },
    { name: "position", type: "int32" },
    { name: "before", type: "string" },
    { name: "after", type: "string" },
  ],
};

const NOISY_MEMBERS: Field[] = [
  { name: "noisy_text", type: "string", required: true },
  { name: "noise_type", type: "string", required: true },
  { name: "noise_intensity", type: "float64" },
  { name: "applied_strategies", type: STRING_LIST },
  { name: "layer", type: "string" },
  { name: "edits", type: { list: EDIT } },
];

/**
 * What the Parquet columns of an export are, learned in one pass over its samples before any row is
 * written: a Parquet schema is fixed up front, and `persona_features` is a struct with one member
 * per persona dimension (the Hub's `datasets` reads structs; it does not read Parquet maps).
 */
export class ParquetLayout {
  private readonly featureNames = new Set<string>();
  private readonly present = new Set<string>();
  private readonly extras = new Set<string>();

  /** Learns one sample's fields. */
  observe(sample: TrainingSample): void {
    if (sample.personaFeatures) {
      this.present.add("persona_features");
      for (const name of Object.keys(sample.personaFeatures)) this.featureNames.add(name);
    }
    if (sample.promptTrajectory) this.present.add("prompt_trajectory");
    if (sample.fullConversation) this.present.add("full_conversation");
    if (sample.noisyInitialQueries) this.present.add("noisy_initial_queries");
    if (sample.noisyTrajectories) this.present.add("noisy_trajectories");
    if (sample.metadata) this.present.add("metadata");
    for (const key of Object.keys(sample.extra ?? {})) this.extras.add(key);
  }

  /**
   * The columns, in the order of the seed's sample dict. Noisy versions are lists of structs (with
   * their rule edits as a nested list), `metadata` is its JSON text (its keys vary by run and stage),
   * and top-level keys this version does not know are strings (JSON unless they are strings).
   */
  fields(): Field[] {
    const fields: Field[] = [
      { name: "sample_id", type: "string", required: true },
      { name: "persona_id", type: "string", required: true },
    ];
    if (this.present.has("persona_features") && this.featureNames.size > 0) {
      const members = [...this.featureNames].map((name): Field => ({ name, type: "string" }));
      fields.push({ name: "persona_features", type: { struct: members } });
    }
    fields.push(
      { name: "original_query", type: "string", required: true },
      { name: "initial_query", type: "string", required: true },
    );
    if (this.present.has("prompt_trajectory")) fields.push({ name: "prompt_trajectory", type: STRING_LIST });
    if (this.present.has("full_conversation")) {
      const message: FieldType = {
        struct: [
          { name: "role", type: "string", required: true },
          { name: "content", type: "string", required: true },
        ],
      };
      fields.push({ name: "full_conversation", type: { list: message } });
    }
    fields.push({ name: "num_turns", type: "int32", required: true });
    if (this.present.has("noisy_initial_queries")) {
      fields.push({ name: "noisy_initial_queries", type: { list: { struct: NOISY_MEMBERS } } });
    }
    if (this.present.has("noisy_trajectories")) {
      const members: Field[] = [{ name: "turn", type: "int32", required: true }, ...NOISY_MEMBERS];
      fields.push({ name: "noisy_trajectories", type: { list: { struct: members } } });
    }
    if (this.present.has("metadata")) fields.push({ name: "metadata", type: "string" });
    for (const key of this.extras) fields.push({ name: key, type: "string" });
    return fields;
  }

  /** The column values of one sample, in the order of {@link fields}, and the bytes of text it holds. */
  row(sample: TrainingSample, fields: readonly Field[]): { values: unknown[]; bytes: number } {
    const text = new TextTally();
    const values = fields.map((field) => this.value(sample, field.name, text));
    return { values, bytes: text.bytes };
  }

  private value(sample: TrainingSample, column: string, text: TextTally): unknown {
    switch (column) {
      case "sample_id":
        return text.add(sample.sampleId);
      case "persona_id":
        return text.add(sample.personaId);
      case "persona_features":
        return sample.personaFeatures ? this.features(sample.personaFeatures, text) : null;
      case "original_query":
        return text.add(sample.originalQuery);
      case "initial_query":
        return text.add(sample.initialQuery);
      case "prompt_trajectory":
        return sample.promptTrajectory?.map((p) => text.add(p)) ?? null;
      case "full_conversation":
        return sample.fullConversation?.map((m) => ({ role: m.role, content: text.add(m.content) })) ?? null;
      case "num_turns":
        return sample.numTurns;
      case "noisy_initial_queries":
        return sample.noisyInitialQueries?.map((v) => noisyStruct(v, text)) ?? null;
      case "noisy_trajectories":
        return sample.noisyTrajectories?.map((v) => ({ turn: v.turn, ...noisyStruct(v, text) })) ?? null;
      case "metadata":
        return sample.metadata === undefined ? null : text.add(JSON.stringify(sample.metadata));
      default: {
        const extra = sample.extra?.[column];
        if (extra === undefined || extra === null) return null;
        return text.add(typeof extra === "string" ? extra : JSON.stringify(extra));
      }
    }
  }

  private features(
    features: Readonly<Record<string, unknown>>,
    text: TextTally,
  ): Record<string, string | null> {
    const struct: Record<string, string | null> = {};
    for (const name of this.featureNames) {
      const value = features[name];
      // The original tool wrote strings and sometimes YAML-coerced numbers: one string type for all.
      struct[name] = value === undefined || value === null ? null : text.add(String(value));
    }
    return struct;
  }
}

function noisyStruct(version: NoisyVersion, text: TextTally): Record<string, unknown> {
  const intensity = version.noise_intensity;
  return {
    noisy_text: text.add(version.noisy_text),
    noise_type: version.noise_type,
    noise_intensity: typeof intensity === "number" ? intensity : null,
    applied_strategies: version.applied_strategies,
    layer: typeof version.layer === "string" ? version.layer : null,
    edits: Array.isArray(version.edits) ? version.edits.map(editStruct) : null,
  };
}

function editStruct(edit: unknown): Record<string, unknown> {
  const e = (edit ?? {}) as Record<string, unknown>;
  return {
    strategy: typeof e.strategy === "string" ? e.strategy : null,
    position: typeof e.position === "number" ? e.position : null,
    before: typeof e.before === "string" ? e.before : null,
    after: typeof e.after === "string" ? e.after : null,
  };
}

/** Counts the text a row holds (UTF-16 units: an estimate of its bytes, enough to size row groups). */
class TextTally {
  bytes = 0;

  add(value: string): string {
    this.bytes += value.length;
    return value;
  }
}
