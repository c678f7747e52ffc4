import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { UPSTREAM } from "./paths.js";

type Json = Record<string, unknown>;

/** The 15 samples the original tool wrote (../shared/upstream-inputs/test_samples.json), read at test time. */
export function originalSamples(): Json[] {
  return JSON.parse(readFileSync(join(UPSTREAM, "test_samples.json"), "utf8")) as Json[];
}

/**
 * Writes `records` as the original tool's InteractionStorage does: `interactions/<id>.json` (indent 2)
 * and `interactions/index.json` listing them, plus `personas/<id>.json` and `personas/index.json`.
 * `index` entries can be added or left out to shape the index.
 */
export function writeOriginalOutput(
  dir: string,
  options: {
    interactions: Json[];
    personas?: Json[];
    /** Ids listed in interactions/index.json, in order (default: every record's, in order). */
    indexIds?: string[];
    queryIds?: Record<string, string>;
  },
): void {
  const interactions = join(dir, "interactions");
  mkdirSync(interactions, { recursive: true });
  const idOf = (r: Json) => (r.interaction_id ?? r.sample_id) as string;
  for (const record of options.interactions) {
    writeFileSync(join(interactions, `${idOf(record)}.json`), JSON.stringify(record, null, 2));
  }
  const listed = options.indexIds ?? options.interactions.map(idOf);
  writeFileSync(
    join(interactions, "index.json"),
    JSON.stringify(
      {
        interactions: listed.map((id) => ({
          interaction_id: id,
          persona_id: "persona_x",
          filepath: `output/interactions/${id}.json`,
          num_turns: 2,
          created_at: "2026-01-28T05:22:17.592520",
          query_id: options.queryIds?.[id] ?? null,
        })),
        count: listed.length,
        last_updated: "2026-01-28T06:00:00",
      },
      null,
      2,
    ),
  );
  if (!options.personas) return;
  const personas = join(dir, "personas");
  mkdirSync(personas, { recursive: true });
  for (const persona of options.personas) {
    writeFileSync(join(personas, `${persona.persona_id}.json`), JSON.stringify(persona, null, 2));
  }
  writeFileSync(
    join(personas, "index.json"),
    JSON.stringify({
      personas: options.personas.map((p) => ({
        persona_id: p.persona_id,
        created_at: "2026-01-28T04:16:18",
      })),
      count: options.personas.length,
      last_updated: null,
    }),
  );
}

/** The original's persona files for the personas of some samples: `{persona_id, features, system_prompt, metadata}`. */
export function originalPersonasOf(samples: Json[]): Json[] {
  const byId = new Map<string, Json>();
  for (const s of samples) {
    const features = s.persona_features as Json;
    byId.set(s.persona_id as string, {
      persona_id: s.persona_id,
      features,
      system_prompt: `You are an assistant for a ${String(features.role ?? "user")}.`,
      metadata: {
        num_features: Object.keys(features).length,
        has_prompt: true,
        created_at: "2026-01-28T04:16:18.088493",
      },
    });
  }
  return [...byId.values()];
}
