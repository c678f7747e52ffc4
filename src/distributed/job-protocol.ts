// What travels through the queue between a coordinator (`run --backend redis`) and its workers
// (`personasynth worker`): one job per plan item, its result as plain JSON.
import type { OfflineBatch, OfflineItemResult } from "../pipeline/offline-protocol.js";
import type { UsageRecord } from "../scheduler/usage.js";

/** Changes whenever the shapes below change: a worker of another version refuses the job. */
export const PROTOCOL = 1;

/** The BullMQ name of an item's job. */
export const JOB_NAME = "item";

/** The key prefix of everything personasynth keeps in Redis (BullMQ's and the shared limits'). */
export const KEY_PREFIX = "personasynth";

/** The queue a coordinator and its workers use unless told otherwise (`--queue`). */
export const DEFAULT_QUEUE = "personasynth";

/** A plan item shipped to a worker, with what only the coordinator has. */
export interface ItemJobData {
  protocol: number;
  /** The coordinator's generation fingerprint: a worker whose config gives another one refuses. */
  generation: string;
  plan_id: string;
  /** One item, its persona, system prompt, stored query record and the clock's reading. */
  batch: OfflineBatch;
}

/** What a worker sends back for an item. */
export interface ItemJobResult {
  protocol: number;
  generation: string;
  /** Which worker executed it (reports). */
  worker: string;
  outcome: OfflineItemResult;
  /** Every answer the item's calls used, as the response cache stores them: [key, JSON]. */
  answers: Array<[string, string]>;
  /** The item's calls as accounted by the worker. */
  usage: UsageRecord[];
  /** Offline-engine calls, by stage and model. */
  offline: Array<[stage: string, model: string, calls: number]>;
}

/** The job id of an item: stable, so enqueueing an item twice adds nothing. */
export function jobIdOf(generation: string, itemId: string): string {
  return `${generation}.${itemId}`;
}

/** The prefix of the Redis keys of a queue's shared limits and coordinator lock. */
export function queueBase(queue: string): string {
  return `${KEY_PREFIX}:${queue}`;
}

/** A queue name usable in Redis keys and messages. */
export function isQueueName(name: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(name);
}
