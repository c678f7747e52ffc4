// Where an endpoint's slot time went during a run, from the fake server's occupancy record: how long
// the run took to fill the slots, how full they stayed, how long the tail was, and how long each
// answered call held its slot (the server's own time on top of the latency).

/** The slot time of a run, split by phase. Fractions are of slots × span (the whole run's capacity). */
export interface SlotAccount {
  /** First request to the first moment every slot was taken. */
  fillMs: number;
  /** The last moment every slot was taken to the last answer. */
  tailMs: number;
  /** Capacity left unused while filling, in the steady state between, and in the tail. */
  idleAtStart: number;
  idleInSteadyState: number;
  idleInTail: number;
  /** Mean slot time per answered call, in ms (latency + the server's time per request). */
  holdMs: number;
}

/**
 * @param occupancy [ms since the first request, requests in flight from then on], one pair per change
 * @param spanMs first request to last answer
 */
export function slotAccount(
  occupancy: ReadonlyArray<readonly [number, number]>,
  slots: number,
  spanMs: number,
  calls: number,
): SlotAccount {
  const full = occupancy.filter(([, n]) => n >= slots);
  const fillAt = full[0]?.[0] ?? spanMs;
  // The tail starts when the slots are full for the last time: the change after that moment.
  const lastFull = full.at(-1)?.[0] ?? spanMs;
  let busy = 0;
  const idle = { start: 0, steady: 0, tail: 0 };
  for (let i = 0; i < occupancy.length; i++) {
    const [t, n] = occupancy[i] as readonly [number, number];
    const until = Math.min(
      spanMs,
      (occupancy[i + 1] as readonly [number, number] | undefined)?.[0] ?? spanMs,
    );
    if (until <= t) continue;
    const dt = until - t;
    busy += n * dt;
    const unused = Math.max(0, slots - n) * dt;
    if (t < fillAt) idle.start += unused;
    else if (t >= lastFull) idle.tail += unused;
    else idle.steady += unused;
  }
  const capacity = slots * spanMs;
  return {
    fillMs: fillAt,
    tailMs: spanMs - lastFull,
    idleAtStart: idle.start / capacity,
    idleInSteadyState: idle.steady / capacity,
    idleInTail: idle.tail / capacity,
    holdMs: busy / calls,
  };
}
