import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { StoreError } from "../errors.js";
import type { InteractionStorage } from "../interaction/storage.js";
import { writeFileAtomic, writeTextAtomic } from "../util/atomic-write.js";
import { jsonChunks } from "../util/json-chunks.js";
import { refuseLink } from "../util/safe-files.js";
import type { Plan } from "./plan.js";

/**
 * A plan on disk: `runs/<plan_id>/plan.json`, written once — atomically and fsynced, before any item
 * runs and before the stores record anything of it — and never changed; `plan.json.sha256` beside it
 * tells a changed file from the one written.
 */
export function planPath(runsDir: string, id: string): string {
  return join(runsDir, id, "plan.json");
}

/** Writes the plan and its checksum, durably. */
export async function savePlan(runsDir: string, plan: Plan): Promise<void> {
  const path = planPath(runsDir, plan.plan_id);
  refuseLink(dirname(path));
  const hash = createHash("sha256");
  // Streamed in slices of the item list (the plan of 100,000 items is never one string), hashed as written.
  await writeFileAtomic(path, async (write) => {
    for (const chunk of jsonChunks(plan)) {
      hash.update(chunk);
      await write(chunk);
    }
  });
  await writeTextAtomic(`${path}.sha256`, `${hash.digest("hex")}\n`);
}

/**
 * The saved plan of this run, or undefined when there is none. A plan whose content no longer
 * matches its checksum, or that is not this run's (id, generation), is an error: resuming it would
 * mix two plans under one id.
 */
export function loadSavedPlan(runsDir: string, id: string, generation: string): Plan | undefined {
  const path = planPath(runsDir, id);
  if (!existsSync(path)) return undefined;
  const changed = (why: string) =>
    new StoreError(`the plan of this run was changed after it was written (${why})`, {
      where: path,
      hint: "restore the file as it was (a plan is written once, before any call, and never changed), or start again in a new --out",
    });
  let bytes: Buffer;
  let plan: Plan;
  try {
    bytes = readFileSync(path);
    plan = JSON.parse(bytes.toString("utf8")) as Plan;
  } catch {
    throw changed("it is not valid JSON");
  }
  const sumPath = `${path}.sha256`;
  if (existsSync(sumPath)) {
    const expected = readFileSync(sumPath, "utf8").trim();
    if (createHash("sha256").update(bytes).digest("hex") !== expected) throw changed("its checksum differs");
  }
  if (plan.plan_id !== id || plan.generation !== generation) throw changed("it names another plan");
  return plan;
}

/** What earlier plans took, from the query assignments store (one record per planned item). */
export interface TakenSoFar {
  /** Seed query ids already used. */
  queries: Set<string>;
  /** Plans whose items the stores hold. */
  plans: Set<string>;
}

export async function takenSoFar(assignments: InteractionStorage): Promise<TakenSoFar> {
  const taken: TakenSoFar = { queries: new Set(), plans: new Set() };
  for await (const record of assignments) {
    taken.queries.add(record.query_id as string);
    if (typeof record.plan_id === "string") taken.plans.add(record.plan_id);
  }
  return taken;
}

/**
 * The stores hold items of this plan but its file is gone: planning again under the same id would
 * sample other personas and other queries (those of the lost plan are taken) and double the work.
 */
export function missingPlanError(runsDir: string, id: string): StoreError {
  return new StoreError("the stores hold items of this plan, but its plan file is missing", {
    where: planPath(runsDir, id),
    hint: "restore the file (a plan is written once, before any call, and never changed); planning again would make other items under the same id. Or start again in a new --out",
  });
}
