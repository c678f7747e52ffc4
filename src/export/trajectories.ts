import type { NoisyVersion } from "../training/noisy.js";
import type { TrainingSample } from "../training/sample.js";
import type { LineEncoder } from "./jsonl.js";

/** One user turn of a trajectory row: what was sent, the text before noise, and every noisy variant. */
export interface TrajectoryTurn {
  turn: number;
  /** The prompt as the assistant saw it (`prompt_trajectory[turn]`). */
  prompt: string;
  /** The prompt before noise was injected (the same text when it was not noised). */
  clean: string;
  noisy_versions: NoisyVersion[];
}

/** A row of the `trajectories` format. */
export interface TrajectoryRow {
  sample_id: string;
  persona_id: string;
  persona_features?: Record<string, unknown>;
  original_query: string;
  turns: TrajectoryTurn[];
}

/**
 * `trajectories`: one row per sample with the prompt trajectory and its noisy variants aligned by
 * turn — `turns[t]` holds the t-th user prompt, its clean text and the noisy versions made for it.
 */
export const trajectoryLine: LineEncoder = (sample) => {
  const prompts = sample.promptTrajectory ?? userContents(sample);
  if (!prompts) return { skip: "the sample has neither prompt_trajectory nor full_conversation" };
  const cleanTexts = cleanTextsByTurn(sample);
  const turns: TrajectoryTurn[] = prompts.map((prompt, turn) => ({
    turn,
    prompt,
    clean: cleanTexts[turn] ?? prompt,
    noisy_versions: [],
  }));
  for (const version of sample.noisyInitialQueries ?? []) turns[0]?.noisy_versions.push(version);
  for (const { turn, ...version } of sample.noisyTrajectories ?? []) {
    turns[turn]?.noisy_versions.push(version as NoisyVersion);
  }
  const row: TrajectoryRow = {
    sample_id: sample.sampleId,
    persona_id: sample.personaId,
    ...(sample.personaFeatures ? { persona_features: sample.personaFeatures } : {}),
    original_query: sample.originalQuery,
    turns,
  };
  return { record: row };
};

function userContents(sample: TrainingSample): string[] | undefined {
  return sample.fullConversation?.filter((m) => m.role === "user").map((m) => m.content);
}

/** The clean text of each user turn, from the conversation's message metadata when it is there. */
function cleanTextsByTurn(sample: TrainingSample): Array<string | undefined> {
  const texts: Array<string | undefined> = [];
  for (const message of sample.fullConversation ?? []) {
    if (message.role !== "user") continue;
    const clean = message.metadata?.clean_version;
    texts.push(typeof clean === "string" ? clean : undefined);
  }
  return texts;
}
