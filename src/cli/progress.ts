import type { LibraryEvent, ProgressEvent } from "../events.js";
import { plural } from "../util/plural.js";
import type { CliIo } from "./io.js";
import { type ProgressState, progressLine } from "./progress-line.js";

/** A non-terminal gets one plain line this often. */
const PLAIN_INTERVAL_MS = 5000;
/** The terminal line is redrawn at most this often. */
const REDRAW_MS = 200;
/** Plain lines go to a log or a pipe: no width to fit. */
const PLAIN_WIDTH = 240;
/** When the terminal does not say. */
const DEFAULT_COLUMNS = 80;

/**
 * Renders run events on stderr: on a terminal, one progress line fitted to its width (redrawn in
 * place; one column is left free so it never wraps), otherwise a plain line every few seconds.
 * Messages are printed on their own lines above the progress line. Data never goes to this stream.
 */
export class ProgressView {
  private state: ProgressState | undefined;
  /** The progress line is on the screen, the cursor at its end. */
  private drawn = false;
  /** Stopped for good (the run ended, or Ctrl-C): nothing is drawn any more. */
  private stopped = false;
  private batchRound = 0;
  private lastDraw = 0;
  private lastPlain = 0;
  /** The last plain line printed (without its time): a log gets no copies of an unchanged line. */
  private lastPlainText = "";
  private pending: NodeJS.Timeout | undefined;
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
        this.line(`${event.stage}: ${event.message}`);
        break;
      case "plan":
        this.line(
          `plan ${event.plan_id}${event.resumed ? " (resumed)" : ""}: ${plural(event.personas, "persona")}, ${plural(event.items, "item")}` +
            (event.to_run > 0 || event.already_done > 0
              ? `, ${event.already_done} already done, ${event.to_run} to run`
              : ""),
        );
        if (event.to_run > 0) this.begin(event.items, event.already_done);
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

  /** Items stored (this run and before) and planned, as last reported: what a rerun finds. */
  get stored(): { done: number; total: number } | undefined {
    return this.state && { done: this.state.stored, total: this.state.total };
  }

  /** The run is over: the progress line stays as it last was, and the cursor goes below it. */
  stop(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = undefined;
    if (this.drawn) {
      this.draw();
      this.io.stderr("\n");
      this.drawn = false;
    }
    this.stopped = true;
  }

  /** Ctrl-C: the progress line stops for good first, then the notice is printed below it. */
  interrupt(notice: string): void {
    this.stop();
    this.io.stderr(`${notice}\n`);
  }

  private begin(total: number, done: number): void {
    this.state = {
      stored: done,
      failed: 0,
      total,
      storedAtStart: done,
      active: 0,
      waiting: 0,
      calls: 0,
      retries: 0,
      rateLimited: 0,
      concurrency: 0,
      tokens: 0,
      costUsd: 0,
      elapsedMs: 0,
    };
    if (this.io.isTTY) this.draw();
  }

  private progress(event: ProgressEvent): void {
    const storedAtStart = this.state?.storedAtStart ?? event.done;
    this.state = {
      stored: event.done,
      failed: event.failed,
      total: event.total,
      storedAtStart,
      active: event.active_calls,
      waiting: event.waiting_calls,
      calls: event.calls,
      retries: event.retries,
      rateLimited: event.rate_limited,
      concurrency: event.concurrency,
      tokens: event.input_tokens + event.output_tokens,
      costUsd: event.cost_usd,
      elapsedMs: Date.now() - this.started,
    };
    if (this.stopped) return;
    const now = Date.now();
    if (!this.io.isTTY) {
      const finished = event.done + event.failed >= event.total;
      if (now - this.lastPlain < PLAIN_INTERVAL_MS && !finished) return;
      const text = progressLine(this.state, PLAIN_WIDTH);
      if (text === this.lastPlainText) return;
      this.lastPlain = now;
      this.lastPlainText = text;
      const seconds = Math.round(this.state.elapsedMs / 1000);
      this.io.stderr(`[${seconds}s] ${text}\n`);
      return;
    }
    // At most one redraw per REDRAW_MS: the latest state is drawn when the wait is over.
    if (now - this.lastDraw >= REDRAW_MS) this.draw();
    else if (!this.pending) {
      this.pending = setTimeout(
        () => {
          this.pending = undefined;
          if (!this.stopped) this.draw();
        },
        REDRAW_MS - (now - this.lastDraw),
      );
      this.pending.unref();
    }
  }

  private draw(): void {
    if (!this.state || !this.io.isTTY) return;
    this.lastDraw = Date.now();
    this.state.elapsedMs = this.lastDraw - this.started;
    const width = Math.max(20, (this.io.columns?.() ?? DEFAULT_COLUMNS) - 1);
    this.io.stderr(`\r${progressLine(this.state, width)}\x1b[K`);
    this.drawn = true;
  }

  /** Prints a message on its own line, above the progress line. */
  private line(text: string): void {
    if (this.drawn) {
      this.io.stderr(`\r\x1b[K${text}\n`);
      this.draw();
    } else {
      this.io.stderr(`${text}\n`);
    }
  }
}
