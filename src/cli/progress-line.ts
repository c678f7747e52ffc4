/** Where a run stands, as the progress line shows it. */
export interface ProgressState {
  /** Conversations (or items) stored, this run and before. */
  stored: number;
  failed: number;
  total: number;
  /** Stored when the run started (the ETA counts only this run's pace). */
  storedAtStart: number;
  /** Calls in flight, waiting for a slot, and finished. */
  active: number;
  waiting: number;
  calls: number;
  retries: number;
  rateLimited: number;
  /** Calls the run may have in flight now. */
  concurrency: number;
  tokens: number;
  costUsd: number;
  elapsedMs: number;
}

interface Field {
  /** Lower is kept longer when the line must be shortened. */
  priority: number;
  long: string;
  short: string;
}

const SEPARATOR = " | ";
/** A bar narrower than this says nothing: leave it out. */
const MIN_BAR = 10;
const MAX_BAR = 30;

/**
 * The progress line, at most `width` columns: every field when it fits; else the least important
 * fields are shortened, then dropped (conversations first, then calls in flight and done, failures,
 * ETA, cost, 429s and retries, concurrency, tokens); the bar takes what is left.
 */
export function progressLine(state: ProgressState, width: number): string {
  const fields = fieldsOf(state);
  const head = fields[0] as Field;
  for (let keep = fields.length; keep >= 1; keep--) {
    const kept = [...fields].sort((a, b) => a.priority - b.priority).slice(0, keep);
    const shown = fields.filter((f) => kept.includes(f));
    for (const form of ["long", "short"] as const) {
      const parts = shown.map((f) => f[form]);
      const text = parts.join(SEPARATOR);
      if (text.length > width) continue;
      const room = width - text.length - 1;
      if (room < MIN_BAR) return text;
      const [first, ...rest] = parts;
      return [`${first} ${bar(state, Math.min(MAX_BAR, room))}`, ...rest].join(SEPARATOR);
    }
  }
  return head.short.slice(0, Math.max(0, width));
}

function fieldsOf(s: ProgressState): Field[] {
  const done = `${s.stored}/${s.total}`;
  const fields: Field[] = [
    { priority: 0, long: `conversations ${done}`, short: done },
    {
      priority: 1,
      long: `calls ${s.active} in flight${s.waiting > 0 ? ` (+${s.waiting} queued)` : ""}, ${s.calls} done`,
      short: `${s.active} in flight, ${s.calls} done`,
    },
  ];
  if (s.failed > 0) fields.push({ priority: 2, long: `failed ${s.failed}`, short: `✗${s.failed}` });
  const eta = etaMs(s);
  if (eta !== undefined) fields.push({ priority: 3, long: `ETA ${duration(eta)}`, short: duration(eta) });
  if (s.costUsd > 0) fields.push({ priority: 4, long: money(s.costUsd), short: money(s.costUsd) });
  if (s.rateLimited > 0 || s.retries > 0)
    fields.push({
      priority: 5,
      long: `429s ${s.rateLimited}, retries ${s.retries}`,
      short: `429:${s.rateLimited} r:${s.retries}`,
    });
  if (s.concurrency > 0)
    fields.push({ priority: 6, long: `concurrency ${s.concurrency}`, short: `c${s.concurrency}` });
  if (s.tokens > 0)
    fields.push({ priority: 7, long: `${compact(s.tokens)} tokens`, short: compact(s.tokens) });
  return fields;
}

function bar(s: ProgressState, width: number): string {
  const inner = width - 2;
  const filled =
    s.total === 0 ? inner : Math.round((inner * Math.min(s.stored + s.failed, s.total)) / s.total);
  return `[${"#".repeat(filled)}${"-".repeat(inner - filled)}]`;
}

/** Time left at this run's pace so far; undefined until something was stored. */
function etaMs(s: ProgressState): number | undefined {
  const madeNow = s.stored + s.failed - s.storedAtStart;
  const left = s.total - s.stored - s.failed;
  if (madeNow <= 0 || left <= 0) return undefined;
  return (s.elapsedMs / madeNow) * left;
}

/** 95 s → "1m35s"; 2 h → "2h00m". */
export function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}

/**
 * Dollars for display: cents from a dollar up, three significant digits below
 * ($0.01240245000000001 → $0.0124), and "<$0.0001" for less.
 */
export function money(usd: number): string {
  if (usd === 0) return "$0";
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  if (usd < 0.0001) return "<$0.0001";
  return `$${Number(usd.toPrecision(3))}`;
}

/** 1234567 → "1.2M". */
export function compact(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(n);
}
