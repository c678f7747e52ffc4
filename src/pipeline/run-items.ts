import type { Config } from "../config/schema.js";
import type { ItemRunner } from "../distributed/backend.js";
import type { EventSink } from "../events.js";
import type { Scheduler } from "../scheduler/scheduler.js";
import type { UsageTracker } from "../scheduler/usage.js";
import type { InteractionSummary } from "./execute-item.js";
import { type ExecutorResult, executeInOrder } from "./executor.js";
import type { Plan, PlanItem } from "./plan.js";
import { every, PROGRESS_INTERVAL_MS, progressEvent } from "./progress-events.js";
import { quarantinePlanned, type Stores } from "./stores.js";
import { isFatalCode } from "./system-prompts.js";

/**
 * Runs a plan's remaining items on a runner and stores their results in plan order, saying where the
 * run stands as items settle and every PROGRESS_INTERVAL_MS while calls are in flight.
 */
export async function runItemsInOrder(args: {
  runner: ItemRunner;
  /** The items to run; the executor lets each go once it is stored. */
  items: PlanItem[];
  /** Conversations are run (the interactions stage), not only their queries. */
  converse: boolean;
  /** Items of the plan done before this run, and in the whole plan (the progress counts). */
  alreadyDone: number;
  planned: number;
  /** The conversations stored so far; the runner appends to it as it stores them. */
  produced: readonly InteractionSummary[];
  usage: UsageTracker;
  scheduler: Scheduler;
  signal: AbortSignal | undefined;
  events: EventSink;
}): Promise<ExecutorResult> {
  const { runner, converse, produced, events } = args;
  let done = 0;
  let failed = 0;
  // Done is what is stored, what a rerun finds: a conversation finished ahead of an earlier one
  // waits for it (ordered commit), and is lost with it on Ctrl-C.
  const report = () =>
    events(
      progressEvent(
        { done: args.alreadyDone + (converse ? produced.length : done), failed, total: args.planned },
        args.usage,
        args.scheduler,
        runner.load(),
      ),
    );
  const stopReports = every(PROGRESS_INTERVAL_MS, report);
  return executeInOrder({
    items: args.items,
    idOf: (item) => item.item_id,
    window: runner.window,
    signal: args.signal,
    run: (item) => runner.run(item),
    commit: async (_item, store) => {
      await store();
      report();
    },
    onSettled: (item, outcome) => {
      if (outcome.ok) done++;
      // An item cut short by what stops the run (budget, key, interrupt, a dead worker) is not
      // a failure of its own: the stop is reported once, and the item runs again on a rerun.
      else if (!isFatalCode(outcome.failure.code)) {
        failed++;
        events({ type: "item_failed", item_id: item.item_id, reason: outcome.failure.reason });
      }
      if (!converse || !outcome.ok) report();
    },
  }).finally(stopReports);
}

/**
 * The plan's items still to run, after a stored record of this plan that is not whole and valid is
 * moved aside (to be made again): the ones not stored yet, for conversations or only their queries
 * (with neither stage on, nothing runs and nothing counts as done before). A function of its own so
 * that the plan's item list never sits in `run`'s frame: V8 keeps a suspended async function's
 * registers, and a stale one held all 100,000 items of a run (~20 MB) after `plan.items` let them go.
 */
export async function itemsToRun(
  plan: Plan,
  stores: Stores,
  stages: Config["experiment"]["stages"],
  emit: EventSink,
): Promise<{ remaining: PlanItem[]; planned: number; alreadyDone: number; storedBefore: number }> {
  for (const [store, idOf] of [
    [stores.interactions, (item: PlanItem) => item.interaction_id],
    [stores.queries, (item: PlanItem) => item.item_id],
  ] as const)
    await quarantinePlanned(store, plan.items, idOf, emit);
  const storedInteractions = await stores.interactions.storedIds();
  const storedQueryItems = await stores.queries.storedIds();
  const isDone = stages.interaction_generation
    ? (item: PlanItem) => storedInteractions.has(item.interaction_id)
    : stages.query_generation
      ? (item: PlanItem) => storedQueryItems.has(item.item_id)
      : undefined;
  const remaining = isDone ? plan.items.filter((item) => !isDone(item)) : [];
  const planned = plan.items.length;
  return {
    remaining,
    planned,
    alreadyDone: isDone ? planned - remaining.length : 0,
    storedBefore: storedInteractions.size,
  };
}
