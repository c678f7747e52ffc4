import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";
import { InteractionStorage } from "../../src/interaction/storage.js";
import { EnhancedPersonaGenerationPipeline } from "../../src/pipeline/pipeline.js";
import { TrainingDataCollector } from "../../src/training/collector.js";
import type { TrainingSample } from "../../src/training/sample.js";
import { fixedClock } from "../../src/util/clock.js";

/** The config of the offline runs the export tests read: noise on every prompt, so every field is filled. */
export const NOISY_CONFIG = {
  distractor: { activation_probability: 1 },
  interaction_generation: { min_turns: 2, max_turns: 4 },
};

export const CLOCK = fixedClock("2026-03-04T05:06:07Z");

/** Runs the offline pipeline (no export) into `out`; returns the interactions store's path. */
export async function offlineStore(
  out: string,
  personas: number,
  config: object = NOISY_CONFIG,
): Promise<string> {
  const run = {
    ...config,
    experiment: { stages: { training_data_export: false } },
  };
  await new EnhancedPersonaGenerationPipeline(run, { out, clock: CLOCK, env: {} }).run({
    numPersonas: personas,
  });
  return join(out, "interactions");
}

/** A factory of the store's samples, as the CLI builds it (every call reads the store again). */
export function storeSamples(
  store: string,
  config: object = NOISY_CONFIG,
): () => AsyncGenerator<TrainingSample> {
  const storage = new InteractionStorage(store);
  const collector = new TrainingDataCollector(config);
  return () => collector.collectStream(storage.iterate());
}

/** Reads a JSONL file into objects. */
export function jsonl(text: string): Array<Record<string, unknown>> {
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * One offline store shared by the tests of a file: made before the first test, removed after the
 * last. Read `.path` inside a test.
 */
export function sharedOfflineStore(personas: number): { path: string } {
  const shared = { path: "" };
  let root = "";
  before(async () => {
    root = mkdtempSync(join(tmpdir(), "personasynth-export-"));
    shared.path = await offlineStore(root, personas);
  });
  after(() => rmSync(root, { recursive: true, force: true }));
  return shared;
}
