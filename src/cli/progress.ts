import cliProgress from "cli-progress";
import type { LibraryEvent, ProgressEvent } from "../events.js";
import type { CliIo } from "./io.js";

const PLAIN_INTERVAL_MS = 5000;

/**
 * Renders run events: a progress bar on a terminal (conversations, calls/s, tokens, cost, ETA,
 * failures), one plain line every few seconds otherwise. Warnings always go to stderr on their own
 * line; data never goes to this stream.
 */
export class ProgressView {
  private bar: cliProgress.SingleBar | undefined;
  private last: ProgressEvent | undefined;
  private lastPlain = 0;
  private stopped = false;
  private batchRound = 0;
  private readonly started = Date.now();

  constructor(private readonly io: CliIo) {}

  handle(event: LibraryEvent): void {
    switch (event.type) {
      case "warning":
        this.line(`warning: ${event.where ? `${event.where}: ` : ""}${event.message}`);
        break;
      case "info":
        this.line(event.message);
        break;
      case "stage":
        if (!this.bar) this.line(`${event.stage}: ${event.message}`);
        break;
      case "plan":
        this.line(
          `plan ${event.plan_id}${event.resumed ? " (resumed)" : ""}: ${event.personas} personas, ${event.items} items, ${event.already_done} already done, ${event.to_run} to run`,
        );
        this.start(event.items, event.already_done);
        break;
      case "item_failed":
        this.line(`failed ${event.item_id}: ${event.reason}`);
        break;
      case "progress":
        this.progress(event);
        break;
      case "batch":
        // One line per round: batches starting and finishing within it only move the counts.
        if (event.round === this.batchRound) break;
        this.batchRound = event.round;
        this.line(
          `batch round ${event.round}: ${event.pending_batches} batch(es) pending, ${event.lines_done}/${event.lines_submitted} lines answered`,
        );
        break;
    }
  }

  private start(total: number, done: number): void {
    if (!this.io.isTTY || total === 0 || this.stopped) return;
    this.bar = new cliProgress.SingleBar(
      {
        format:
          "conversations {bar} {value}/{total} | {rate} calls/s | {tokens} tokens | {cost} | ETA {eta_formatted} | failed {failed}",
        stream: process.stderr,
        hideCursor: true,
        etaBuffer: 50,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(total, done, { rate: "0.0", tokens: "0", cost: "$0.00", failed: 0 });
  }

  private progress(event: ProgressEvent): void {
    this.last = event;
    const seconds = (Date.now() - this.started) / 1000;
    const values = {
      rate: (event.calls / Math.max(seconds, 0.001)).toFixed(1),
      tokens: compact(event.input_tokens + event.output_tokens),
      cost: `$${event.cost_usd.toFixed(2)}`,
      failed: event.failed,
    };
    if (this.bar) {
      this.bar.update(event.done + event.failed, values);
      return;
    }
    const now = Date.now();
    if (now - this.lastPlain < PLAIN_INTERVAL_MS && event.done + event.failed < event.total) return;
    this.lastPlain = now;
    this.io.stderr(
      `[${seconds.toFixed(0)}s] ${event.done}/${event.total} conversations, ${event.failed} failed, ${event.calls} calls (${values.rate}/s), ${values.tokens} tokens, ${values.cost}\n`,
    );
  }

  /** Prints a line without tearing the bar. */
  private line(text: string): void {
    if (this.bar) {
      this.bar.stop();
      this.io.stderr(`${text}\n`);
      const last = this.last;
      this.bar.start(this.bar.getTotal(), last ? last.done + last.failed : 0);
    } else {
      this.io.stderr(`${text}\n`);
    }
  }

  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
  }

  /** Ctrl-C: the bar stops for good first, then the notice is printed on its own line. */
  interrupt(notice: string): void {
    this.stop();
    this.stopped = true;
    this.io.stderr(`${notice}\n`);
  }
}

/** 1234567 → "1.2M". */
export function compact(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(n);
}
