// Lua scripts of the shared limits (redis-gate.ts). Each runs atomically on the server and reads the
// server's clock (TIME), so machines whose clocks differ agree on lease expiry and rate refills.
import type { Redis } from "ioredis";

/** Milliseconds on the server's clock. */
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * Takes a slot at every level (KEYS, each a sorted set of leases scored by expiry) if all have room:
 * ARGV = member, lease ms, then each level's limit. Expired leases (a process killed while holding
 * them) are dropped first. Returns 1 when taken, 0 when a level is full.
 */
const ACQUIRE = `${NOW}
for i = 1, #KEYS do
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now)
  if redis.call('ZCARD', KEYS[i]) >= tonumber(ARGV[i + 2]) then return 0 end
end
local ttl = tonumber(ARGV[2])
for i = 1, #KEYS do
  redis.call('ZADD', KEYS[i], now + ttl, ARGV[1])
  redis.call('PEXPIRE', KEYS[i], ttl * 3)
end
return 1`;

/** Gives a slot back at every level (KEYS) and tells the waiting processes: ARGV = member, channel. */
const RELEASE = `for i = 1, #KEYS do redis.call('ZREM', KEYS[i], ARGV[1]) end
redis.call('PUBLISH', ARGV[2], '1')
return 1`;

/** Extends this process's leases at one level (KEYS[1]): ARGV = lease ms, then the members. */
const RENEW = `${NOW}
local ttl = tonumber(ARGV[1])
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], 'XX', now + ttl, ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], ttl * 3)
return 1`;

/**
 * Requests- and tokens-per-minute buckets (KEYS[1], a hash), refilled continuously: ARGV = rpm, tpm
 * ('' when not limited), tokens wanted. Takes one request and the tokens and returns 0, or takes
 * nothing and returns how many milliseconds until they fit.
 */
const RATE = `${NOW}
local rpm = tonumber(ARGV[1])
local tpm = tonumber(ARGV[2])
local need = tonumber(ARGV[3])
local s = redis.call('HMGET', KEYS[1], 'r', 'k', 'ts')
local r = tonumber(s[1])
local k = tonumber(s[2])
local ts = tonumber(s[3])
if ts == nil then r = rpm or 0; k = tpm or 0; ts = now end
local elapsed = math.max(0, now - ts)
if rpm then r = math.min(rpm, r + elapsed / 60000 * rpm) end
if tpm then k = math.min(tpm, k + elapsed / 60000 * tpm); need = math.min(need, tpm) end
local wait = 0
if rpm and r < 1 then wait = math.max(wait, (1 - r) / rpm * 60000) end
if tpm and k < need then wait = math.max(wait, (need - k) / tpm * 60000) end
if wait == 0 then
  if rpm then r = r - 1 end
  if tpm then k = k - need end
end
redis.call('HSET', KEYS[1], 'r', tostring(r), 'k', tostring(k), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], 120000)
return math.ceil(wait)`;

/** Corrects a tokens charge with what the call used (KEYS[1]): ARGV = tpm, estimated - used. */
const CORRECT = `local k = tonumber(redis.call('HGET', KEYS[1], 'k'))
if k == nil then return 0 end
k = math.min(tonumber(ARGV[1]), k + tonumber(ARGV[2]))
redis.call('HSET', KEYS[1], 'k', tostring(k))
return 1`;

/** The scripts as commands of a connection (sent by hash; ioredis resends the text after a restart). */
export interface GateScripts {
  acquire(keys: string[], member: string, ttlMs: number, limits: number[]): Promise<number>;
  release(keys: string[], member: string, channel: string): Promise<number>;
  renew(key: string, ttlMs: number, members: string[]): Promise<number>;
  rate(key: string, rpm: number | undefined, tpm: number | undefined, tokens: number): Promise<number>;
  correct(key: string, tpm: number, delta: number): Promise<number>;
}

type Command = (...args: Array<string | number>) => Promise<number>;

/** Defines the scripts on `redis` (once per connection). */
export function gateScripts(redis: Redis): GateScripts {
  const define = (name: string, lua: string, keys?: number): Command => {
    redis.defineCommand(name, keys === undefined ? { lua } : { lua, numberOfKeys: keys });
    const command = (redis as unknown as Record<string, Command>)[name] as Command;
    return command.bind(redis);
  };
  const acquire = define("psGateAcquire", ACQUIRE);
  const release = define("psGateRelease", RELEASE);
  const renew = define("psGateRenew", RENEW, 1);
  const rate = define("psGateRate", RATE, 1);
  const correct = define("psGateCorrect", CORRECT, 1);
  const opt = (n: number | undefined) => (n === undefined ? "" : n);
  return {
    acquire: (keys, member, ttlMs, limits) => acquire(keys.length, ...keys, member, ttlMs, ...limits),
    release: (keys, member, channel) => release(keys.length, ...keys, member, channel),
    renew: (key, ttlMs, members) => renew(key, ttlMs, ...members),
    rate: (key, rpm, tpm, tokens) => rate(key, opt(rpm), opt(tpm), tokens),
    correct: (key, tpm, delta) => correct(key, tpm, delta),
  };
}
