import { z } from "zod";
import { loadDataJson } from "../../util/data-json.js";

/**
 * What the simulated user says, from data/offline/user-lines.json (its `about` lists the slots). Read
 * once, when this module is first imported.
 */

/** The moves a simulated user makes before the conversation's target length. */
export const USER_MOVES = [
  "clarify",
  "clarify_step",
  "apply",
  "pushback",
  "too_long",
  "skip_basics",
  "doubt_number",
  "format",
  "shorter",
  "deeper",
  "example",
  "step",
  "next",
  "constraint",
] as const;
export type UserMove = (typeof USER_MOVES)[number];

type Pools = Readonly<Record<"curt" | "plain" | "polite", readonly string[]>>;

const lines = z.array(z.string().min(1)).min(1);
const pools = z.object({ curt: lines, plain: lines, polite: lines });

const UserLines = z.object({
  move_lines: z.record(z.enum(USER_MOVES), pools),
  constraints: z.record(z.string(), lines),
  constraint_area: z.record(z.string(), z.string()),
  closings: pools,
  specific_closings: pools,
  give_ups: pools,
});

const LINES = loadDataJson(UserLines, "offline", "user-lines.json");

/** The lines of each move, by register. */
export const MOVE_LINES: Readonly<Record<UserMove, Pools>> = LINES.move_lines;
/** Constraints a user forgets to mention, by subject area. */
export const CONSTRAINTS: Readonly<Record<string, readonly string[]>> = LINES.constraints;
/** The constraint table to use for a persona domain or a request's field. */
export const CONSTRAINT_AREA: Readonly<Record<string, string>> = LINES.constraint_area;
/** Closing remarks when satisfied. */
export const CLOSINGS: Pools = LINES.closings;
/** Closings that point at something in the reply. */
export const SPECIFIC_CLOSINGS: Pools = LINES.specific_closings;
/** Curt endings of a user who gives up. */
export const GIVE_UPS: Pools = LINES.give_ups;
