import type { Redis } from "ioredis";
import { BackendError, UsageError } from "../errors.js";
import type { EventSink } from "../events.js";
import type { RedisModules } from "./redis-modules.js";

/** A Redis server as the user named it, and how to name it in messages (never its password). */
export interface RedisTarget {
  url: string;
  /** The URL without user name and password. */
  label: string;
}

/** Checks a `--redis-url` (redis:// or rediss://, a host) and makes its label. */
export function redisTarget(url: string, flag = "--redis-url"): RedisTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`${flag} is not a URL: "${redact(url)}"`, {
      hint: "give it as redis://HOST:PORT (redis://127.0.0.1:6379 for a local server)",
    });
  }
  if ((parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") || parsed.hostname === "")
    throw new UsageError(`${flag} must be a redis:// or rediss:// URL with a host, got "${redact(url)}"`, {
      hint: "give it as redis://HOST:PORT (redis://127.0.0.1:6379 for a local server)",
    });
  return { url, label: redact(url) };
}

/** The URL without its credentials. */
function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//");
}

/** How long a first connection may take before the server counts as unreachable. */
const CONNECT_TIMEOUT_MS = 5000;

/**
 * A connection that must answer now (or the command fails with one line naming the server and the
 * fix) and that, once up, survives a restart of the server: it reconnects on its own, commands
 * wait meanwhile, and the loss and the return are reported as events.
 */
export async function connectRedis(
  modules: RedisModules,
  target: RedisTarget,
  events: EventSink,
  role: string,
): Promise<Redis> {
  const redis = new modules.Redis(target.url, {
    lazyConnect: true,
    // BullMQ's requirement for blocking connections, and what makes commands wait out a restart.
    maxRetriesPerRequest: null,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(100 * attempt, 2000),
  });
  let lost = false;
  // ioredis emits `error` on every failed reconnect: it is reported once per loss, not per attempt.
  redis.on("error", () => undefined);
  redis.on("close", () => {
    if (lost || redis.status === "end") return;
    lost = true;
    events({
      type: "warning",
      message: `${role}: lost the connection to Redis at ${target.label}, reconnecting`,
    });
  });
  redis.on("ready", () => {
    if (!lost) return;
    lost = false;
    events({ type: "info", message: `${role}: reconnected to Redis at ${target.label}` });
  });
  try {
    await withTimeout(redis.connect(), CONNECT_TIMEOUT_MS);
    await withTimeout(redis.ping(), CONNECT_TIMEOUT_MS);
  } catch (error) {
    redis.disconnect();
    throw new BackendError(
      `cannot reach Redis at ${target.label}: ${error instanceof Error ? error.message : String(error)}`,
      {
        hint: "start it (redis-server --port 6379) or fix --redis-url, then rerun the same command",
        cause: error,
      },
    );
  }
  return redis;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Closes a connection without reporting it as lost; waits for pending replies when the server is up. */
export async function closeRedis(redis: Redis): Promise<void> {
  redis.removeAllListeners("close");
  redis.removeAllListeners("ready");
  if (redis.status === "ready") await redis.quit().catch(() => redis.disconnect());
  else redis.disconnect();
}
