// The only place bullmq and ioredis are loaded, and only when a distributed run or a worker starts:
// they are optional (peer) dependencies, so the default install stays light. Everything else in
// distributed/ imports their types only.
import type * as Bullmq from "bullmq";
import type { Redis } from "ioredis";
import { UsageError } from "../errors.js";

/** The versions this release is tested with (package.json's devDependencies). */
export const REDIS_PACKAGES = "bullmq@6.7.6 ioredis@6.1.0";

/** What the Redis backend uses of bullmq and ioredis. */
export interface RedisModules {
  bullmq: typeof Bullmq;
  Redis: typeof Redis;
}

/**
 * Loads bullmq and ioredis; when either is missing, one line saying which and the install command.
 */
export async function loadRedisModules(): Promise<RedisModules> {
  try {
    const [bullmq, ioredis] = await Promise.all([import("bullmq"), import("ioredis")]);
    return { bullmq, Redis: ioredis.Redis };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = error instanceof Error ? error.message : String(error);
    const missing = /ioredis/.test(message) ? "ioredis" : /bullmq/.test(message) ? "bullmq" : undefined;
    if ((code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") && missing)
      throw new UsageError(`the redis backend needs bullmq and ioredis, and ${missing} is not installed`, {
        hint: `install them beside personasynth: npm install ${REDIS_PACKAGES}`,
        cause: error,
      });
    throw error;
  }
}
