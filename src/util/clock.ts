import { UsageError } from "../errors.js";

/** The only source of wall-clock time in the library; injected so tests and replays control it. */
export interface Clock {
  now(): Date;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * The clock of a run: frozen at `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds
 * convention) when the environment sets it, so every timestamp in records, exports and file names is
 * that instant and two runs give byte-identical files; else the real clock.
 */
export function clockFromEnv(env: Readonly<Record<string, string | undefined>>): Clock {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === "") return systemClock;
  if (!/^\d{1,12}$/.test(epoch.trim()))
    throw new UsageError(
      `SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, got "${epoch.slice(0, 20)}"`,
      {
        hint: "e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it",
      },
    );
  return fixedClock(new Date(Number(epoch.trim()) * 1000));
}

/** A clock frozen at one instant (tests, reproducible exports). */
export function fixedClock(at: Date | string): Clock {
  const date = typeof at === "string" ? new Date(at) : at;
  return { now: () => new Date(date.getTime()) };
}

/** `YYYYmmdd_HHMMSS` in UTC: the timestamp suffix of exported file names. */
export function fileTimestamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return (
    `${date.getUTCFullYear()}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}_` +
    `${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}`
  );
}
