import type { NoisyVersionRecord, NoisyVersions } from "../interaction/record.js";

/**
 * One noisy rendering of a user prompt in an exported sample: the seed's
 * `{noisy_text, noise_type, applied_strategies}`, plus `layer` and rule `edits` when known.
 */
export interface NoisyVersion {
  noisy_text: string;
  noise_type: string;
  applied_strategies: string[];
  [extra: string]: unknown;
}

/** A noisy rendering of a follow-up: the same shape plus the turn (index in `prompt_trajectory`). */
export interface NoisyTrajectoryItem extends NoisyVersion {
  turn: number;
}

/** `skipped` entries record that noise was *not* applied; they are not noisy versions. */
function isNoisy(version: NoisyVersionRecord): boolean {
  return version.noise_type !== "skipped";
}

function toNoisyVersion(version: NoisyVersionRecord): NoisyVersion {
  const { noisy_text, noise_type, applied_strategies, ...rest } = version;
  return { noisy_text, noise_type, applied_strategies: [...applied_strategies], ...rest };
}

/** The initial query's noisy versions from an interaction's (or upstream sample's) `noisy_versions`. */
export function noisyInitialQueriesFrom(noisy: NoisyVersions | null | undefined): NoisyVersion[] {
  return (noisy?.initial_query?.noisy_versions ?? []).filter(isNoisy).map(toNoisyVersion);
}

/** Every follow-up's noisy versions, each tagged with its turn. */
export function noisyTrajectoriesFrom(noisy: NoisyVersions | null | undefined): NoisyTrajectoryItem[] {
  const out: NoisyTrajectoryItem[] = [];
  for (const followup of noisy?.followups ?? []) {
    for (const version of followup.noisy_versions.filter(isNoisy)) {
      out.push({ turn: followup.turn, ...toNoisyVersion(version) });
    }
  }
  return out;
}
