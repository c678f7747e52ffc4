import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { InterruptedError } from "../errors.js";
import type { EventSink } from "../events.js";
import { AbortableWaits } from "../scheduler/abortable-waits.js";
import type { CallGate, GatePass, SharedLimits } from "../scheduler/call-gate.js";
import { sha256Hex } from "../util/hash.js";
import { closeRedis } from "./redis-connection.js";
import { type GateScripts, gateScripts } from "./redis-scripts.js";

/** How long a slot stays taken without renewal: the slots of a killed process come back after this. */
export const LEASE_MS = 10_000;
/** A process that waits re-checks this often too (leases expired, a notice lost in a reconnect). */
const RECHECK_MS = 200;

interface Waiter {
  keys: string[];
  limits: number[];
  signal: AbortSignal | undefined;
  resolve: (member: string) => void;
  reject: (error: unknown) => void;
}

/** Calls waiting for the same levels, served first come first served. */
interface Group {
  waiters: Waiter[];
  draining: boolean;
  again: boolean;
}

export interface RedisGateOptions {
  /** Key prefix of this queue's limits (one set of limits per queue: per run). */
  base: string;
  events: EventSink;
  leaseMs?: number;
}

/**
 * The scheduler's shared limits (scheduler/call-gate.ts) in Redis, for every process of a run: a
 * declared endpoint or model limit is a sorted set of leases (one per call in flight, anywhere),
 * taken and given back by Lua scripts; requests/tokens per minute are buckets refilled on the
 * server's clock. Leases are renewed while their calls last and expire when a process dies, so a
 * killed worker's slots come back by themselves. A process waiting for a slot is woken by the
 * release of another (pub/sub) and re-checks every 200 ms.
 */
export class RedisGate implements CallGate {
  private readonly scripts: GateScripts;
  private readonly process = randomUUID();
  private seq = 0;
  private readonly groups = new Map<string, Group>();
  /** Leases held by this process, by level key: renewed while held. */
  private readonly held = new Map<string, Set<string>>();
  private readonly channel: string;
  private readonly leaseMs: number;
  private readonly renewTimer: NodeJS.Timeout;
  private recheckTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Rate waits; an abort of a caller's signal also ends its waits for a slot. */
  private readonly waits = new AbortableWaits((signal) => {
    for (const group of this.groups.values()) {
      const stopped = group.waiters.filter((waiter) => waiter.signal === signal);
      group.waiters = group.waiters.filter((waiter) => waiter.signal !== signal);
      for (const waiter of stopped) waiter.reject(new InterruptedError());
    }
  });

  private constructor(
    redis: Redis,
    private readonly subscriber: Redis,
    private readonly options: RedisGateOptions,
  ) {
    this.scripts = gateScripts(redis);
    this.channel = `${options.base}:slots-freed`;
    this.leaseMs = options.leaseMs ?? LEASE_MS;
    this.renewTimer = setInterval(() => this.renew(), Math.max(50, Math.floor(this.leaseMs / 3)));
    this.renewTimer.unref();
    subscriber.on("message", () => this.drainAll());
  }

  /** A gate on `redis` (its own subscriber connection is made from it). */
  static async open(redis: Redis, options: RedisGateOptions): Promise<RedisGate> {
    const subscriber = redis.duplicate();
    subscriber.on("error", () => undefined);
    const gate = new RedisGate(redis, subscriber, options);
    await subscriber.subscribe(gate.channel);
    return gate;
  }

  async enter(limits: SharedLimits, tokens: number, signal: AbortSignal | undefined): Promise<GatePass> {
    const { rate } = limits;
    if (rate) await this.takeRate(rate.key, rate.rpm, rate.tpm, tokens, signal);
    const keys = limits.levels.map((level) => this.levelKey(level.key));
    const member =
      keys.length === 0
        ? undefined
        : await this.acquire(
            keys,
            limits.levels.map((level) => level.limit),
            signal,
          );
    let left = false;
    return {
      leave: (usedTokens) => {
        if (left) return;
        left = true;
        if (member !== undefined) this.release(keys, member);
        if (rate?.tpm !== undefined && usedTokens !== undefined)
          this.background(this.scripts.correct(this.rateKey(rate.key), rate.tpm, tokens - usedTokens));
      },
    };
  }

  /** Stops renewing and waiting; leases still held expire on their own. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.renewTimer);
    clearTimeout(this.recheckTimer);
    for (const group of this.groups.values())
      for (const waiter of group.waiters.splice(0)) waiter.reject(new InterruptedError());
    await closeRedis(this.subscriber);
  }

  private async acquire(keys: string[], limits: number[], signal: AbortSignal | undefined): Promise<string> {
    if (signal?.aborted) throw new InterruptedError();
    const groupKey = keys.join("\n");
    let group = this.groups.get(groupKey);
    if (!group) {
      group = { waiters: [], draining: false, again: false };
      this.groups.set(groupKey, group);
    }
    if (group.waiters.length === 0) {
      const member = this.nextMember();
      if ((await this.scripts.acquire(keys, member, this.leaseMs, limits)) === 1) {
        this.hold(keys, member);
        return member;
      }
    }
    const waiting = group;
    return new Promise<string>((resolve, reject) => {
      waiting.waiters.push({ keys, limits, signal, resolve, reject });
      if (signal) this.waits.watch(signal);
      this.scheduleRecheck();
    });
  }

  /** Serves a group's waiters in order while slots are free; one pass at a time per group. */
  private async drain(group: Group): Promise<void> {
    if (group.draining) {
      group.again = true;
      return;
    }
    group.draining = true;
    try {
      do {
        group.again = false;
        while (group.waiters.length > 0 && !this.closed) {
          const head = group.waiters[0] as Waiter;
          const member = this.nextMember();
          if ((await this.scripts.acquire(head.keys, member, this.leaseMs, head.limits)) !== 1) break;
          // The head may have been interrupted while the script ran: its slot goes back.
          if (group.waiters[0] !== head) {
            this.release(head.keys, member);
            continue;
          }
          group.waiters.shift();
          this.hold(head.keys, member);
          head.resolve(member);
        }
      } while (group.again && !this.closed);
    } finally {
      group.draining = false;
    }
  }

  private drainAll(): void {
    for (const group of this.groups.values())
      if (group.waiters.length > 0) this.background(this.drain(group));
  }

  private scheduleRecheck(): void {
    if (this.recheckTimer || this.closed) return;
    this.recheckTimer = setTimeout(() => {
      this.recheckTimer = undefined;
      this.drainAll();
      if ([...this.groups.values()].some((group) => group.waiters.length > 0)) this.scheduleRecheck();
    }, RECHECK_MS);
  }

  private release(keys: string[], member: string): void {
    for (const key of keys) this.held.get(key)?.delete(member);
    this.background(this.scripts.release(keys, member, this.channel));
  }

  private hold(keys: string[], member: string): void {
    for (const key of keys) {
      let members = this.held.get(key);
      if (!members) {
        members = new Set();
        this.held.set(key, members);
      }
      members.add(member);
    }
  }

  private renew(): void {
    for (const [key, members] of this.held)
      if (members.size > 0) this.background(this.scripts.renew(key, this.leaseMs, [...members]));
  }

  private async takeRate(
    key: string,
    rpm: number | undefined,
    tpm: number | undefined,
    tokens: number,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw new InterruptedError();
      const wait = await this.scripts.rate(this.rateKey(key), rpm, tpm, tokens);
      if (wait <= 0) return;
      await this.waits.pause(Math.min(wait, 2000), signal);
    }
  }

  private nextMember(): string {
    return `${this.process}:${this.seq++}`;
  }

  private levelKey(level: string): string {
    return `${this.options.base}:slots:${sha256Hex(level).slice(0, 16)}`;
  }

  private rateKey(key: string): string {
    return `${this.options.base}:rate:${sha256Hex(key).slice(0, 16)}`;
  }

  /** A command whose failure has no caller: reported, never thrown (a lease then simply expires). */
  private background(promise: Promise<unknown>): void {
    promise.catch((error: unknown) => {
      if (this.closed) return;
      this.options.events({
        type: "warning",
        message: `shared limits: ${error instanceof Error ? error.message : String(error)}`,
      });
    });
  }
}
