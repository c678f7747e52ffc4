import { hostname } from "node:os";
import type { Redis } from "ioredis";
import { BackendError } from "../errors.js";

/** How long the lock outlives its coordinator without renewal. */
const LOCK_MS = 15_000;

/** Who holds a queue. */
interface Holder {
  host: string;
  pid: number;
  plan_id: string;
  generation: string;
  queue: string;
}

/** Sets the key's expiry only while it still holds this coordinator's value. */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;
/** Deletes the key only while it still holds this coordinator's value. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * One coordinator per queue: its jobs, results and shared limits belong to one run. The lock is a
 * key with an expiry, renewed while the coordinator lives; a coordinator killed on this machine is
 * recognised by its pid and its lock taken over at once (the rerun resumes), one elsewhere is waited
 * out (its lock expires within 15 s).
 */
export class CoordinatorLock {
  private readonly timer: NodeJS.Timeout;

  private constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly value: string,
  ) {
    this.timer = setInterval(() => {
      redis.eval(RENEW, 1, key, value, LOCK_MS).catch(() => undefined);
    }, LOCK_MS / 3);
    this.timer.unref();
  }

  static async take(
    redis: Redis,
    base: string,
    run: { plan_id: string; generation: string; queue: string },
  ): Promise<CoordinatorLock> {
    const key = `${base}:coordinator`;
    const holder: Holder = { host: hostname(), pid: process.pid, ...run };
    const value = JSON.stringify(holder);
    if ((await redis.set(key, value, "PX", LOCK_MS, "NX")) === "OK")
      return new CoordinatorLock(redis, key, value);
    const current = await redis.get(key);
    const other = parseHolder(current);
    if (other && other.host === holder.host && !alive(other.pid)) {
      // A coordinator of this machine that was killed: its run can be taken over now.
      const taken = await redis.eval(
        `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end return 0`,
        1,
        key,
        current as string,
        value,
        LOCK_MS,
      );
      if (taken === 1) return new CoordinatorLock(redis, key, value);
    }
    throw new BackendError(
      `queue "${run.queue}" is in use by another run${other ? ` (plan ${other.plan_id}, on ${other.host}, pid ${other.pid})` : ""}`,
      {
        hint: "wait for it to finish (a killed coordinator's lock expires within 15 s), or give this run its own --queue (and its workers too)",
      },
    );
  }

  async release(): Promise<void> {
    clearInterval(this.timer);
    await this.redis.eval(RELEASE, 1, this.key, this.value).catch(() => undefined);
  }
}

function parseHolder(text: string | null): Holder | undefined {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as Holder;
  } catch {
    return undefined;
  }
}

/** Whether a process of this machine is still running. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
