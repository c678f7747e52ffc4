import { randomBytes } from "node:crypto";
import { linkSync, lstatSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { ioError, StoreError } from "../errors.js";
import type { EventSink } from "../events.js";
import { systemClock } from "../util/clock.js";
import { symlinkRefused } from "../util/safe-files.js";

/** The lock file of an output directory. */
export const LOCK_FILE = "personasynth.lock";

/** Who holds an output directory. */
export interface LockHolder {
  pid: number;
  host: string;
  started_at: string;
  /** The process's start time in clock ticks since boot (Linux), so a reused pid is not taken for it. */
  pid_start?: string;
  /** Unique per acquisition: tells this holder's file from a later one at the same path. */
  token: string;
}

/**
 * One run per output directory, whatever the flags (the response cache's own lock disappears with
 * `--no-cache`): `personasynth.lock` in the directory names the holder (pid, host, start). It is
 * created with link(2), which never replaces an existing file, so of two runs starting together
 * exactly one gets it; the other is refused at once, naming the holder. A lock whose holder no
 * longer runs (same host, pid gone or reused) is taken over: it is renamed aside — checked to be
 * the very file judged stale — and the lock is created again. A lock from another host is never
 * judged stale (its pid cannot be checked there).
 */
export class OutputLock {
  private constructor(
    readonly path: string,
    private readonly token: string,
  ) {}

  /** Takes the lock of `root` (which must exist), or throws naming the holder. */
  static acquire(root: string, events: EventSink): OutputLock {
    const path = join(root, LOCK_FILE);
    const me: LockHolder = {
      pid: process.pid,
      host: hostname(),
      started_at: systemClock.now().toISOString(),
      ...optional("pid_start", processStart(process.pid)),
      token: randomBytes(8).toString("hex"),
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      if (tryCreate(path, me)) return new OutputLock(path, me.token);
      const holder = readHolder(path);
      if (holder === undefined) continue; // released meanwhile
      if (!isStale(holder)) throw inUse(root, holder);
      const aside = `${path}.stale-${me.token}`;
      try {
        renameSync(path, aside);
      } catch {
        continue; // someone else moved it first
      }
      const moved = readHolder(aside);
      if (moved?.token !== holder.token) {
        // Not the stale file: another run took it over in between. Put its lock back and yield.
        try {
          linkSync(aside, path);
        } finally {
          unlinkSync(aside);
        }
        throw inUse(root, moved ?? holder);
      }
      unlinkSync(aside);
      events({
        type: "warning",
        message: `took over a stale lock of pid ${holder.pid} on ${holder.host} (since ${holder.started_at}), which no longer runs`,
        where: path,
      });
    }
    throw new StoreError("could not take the output directory's lock", {
      code: "IO",
      where: path,
      hint: "another run keeps starting here; wait for it, or use another --out",
    });
  }

  /** Releases the lock (only if it is still this run's). */
  release(): void {
    if (readHolder(this.path)?.token === this.token) unlinkSync(this.path);
  }
}

/** Creates the lock with `me` as holder; false when it exists. */
function tryCreate(path: string, me: LockHolder): boolean {
  try {
    if (lstatSync(path).isSymbolicLink()) throw symlinkRefused(path);
    return false;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const temp = `${path}.${me.token}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(me)}\n`, { flag: "wx" });
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw Object.assign(ioError("write to the output directory", path, error), {
      hint: "choose another directory with --out, or fix the permissions",
    });
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // never created
    }
  }
}

function readHolder(path: string): LockHolder | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  try {
    const value = JSON.parse(text) as LockHolder;
    if (typeof value.pid === "number" && typeof value.host === "string") return value;
  } catch {
    // not ours
  }
  return { pid: 0, host: "?", started_at: "?", token: "unreadable" };
}

/** A holder on this host whose process is gone, or whose pid now belongs to another process. */
function isStale(holder: LockHolder): boolean {
  if (holder.host !== hostname() || holder.pid <= 0) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
  const start = processStart(holder.pid);
  return holder.pid_start !== undefined && start !== undefined && start !== holder.pid_start;
}

/** Field 22 of /proc/<pid>/stat (start time in ticks since boot), where there is a /proc. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function inUse(root: string, holder: LockHolder): StoreError {
  const who =
    holder.token === "unreadable"
      ? "another run (its lock file is unreadable)"
      : `pid ${holder.pid} on ${holder.host}, since ${holder.started_at}`;
  return new StoreError(`the output directory is in use by another run: ${who}`, {
    code: "IO",
    where: root,
    hint: `wait for it to finish, or use another --out; if no run is using it, delete ${LOCK_FILE}`,
  });
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
