import { join } from "node:path";
import { PersonasynthError } from "../errors.js";
import type { LibraryEvent } from "../events.js";
import type { PipelineResult } from "../pipeline/pipeline.js";
import { fileTimestamp } from "../util/clock.js";
import { makeDirectory } from "../util/make-directory.js";
import { Redactor } from "../util/redact.js";
import { appendSyncNoFollow, refuseLink } from "../util/safe-files.js";

/**
 * The run's log file in the logs directory, one JSON line per entry: how the run was started
 * (version, arguments), every event (progress thinned to one every few seconds), an interruption,
 * the error that ended it, and the final summary. Every line is masked of the secrets it is given
 * (config/secrets.ts secretValues): a key never reaches the log, even typed on the command line.
 */
export class RunLog {
  readonly path: string;
  private lastProgress = 0;
  private failed = false;
  private readonly redactor: Redactor;

  constructor(dir: string, now: Date, secrets: Iterable<string> = []) {
    this.redactor = new Redactor(secrets);
    this.path = join(dir, `run_${fileTimestamp(now)}.log`);
    try {
      // Never through a link: the run refuses a linked logs/ with a clear error; nothing goes through it.
      refuseLink(dir);
      makeDirectory(dir);
    } catch {
      this.failed = true; // the run's own check reports an unwritable output directory clearly
    }
  }

  /** The first entry: what was run, by which version, from where. */
  start(version: string, argv: readonly string[], cwd: string): void {
    this.entry({ type: "start", version, node: process.version, argv: [...argv], cwd });
  }

  write(event: LibraryEvent): void {
    if (event.type === "progress") {
      const now = Date.now();
      if (now - this.lastProgress < 5000 && event.done + event.failed < event.total) return;
      this.lastProgress = now;
      this.entry({ ...event, cost_usd: roundUsd(event.cost_usd) });
      return;
    }
    this.entry({ ...event });
  }

  /** Ctrl-C or SIGTERM was received (the run then stops cleanly). */
  interrupted(): void {
    this.entry({
      type: "interrupted",
      message: "interrupted: stopping the calls in flight, storing what is finished",
    });
  }

  /** The error that ended the run, as the user saw it, with its code and exit code. */
  fatal(error: unknown): void {
    if (error instanceof PersonasynthError)
      this.entry({ type: "error", code: error.code, exit_code: error.exitCode, message: error.describe() });
    else
      this.entry({
        type: "error",
        code: "INTERNAL",
        exit_code: 1,
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
  }

  /** What the run did: its counts, calls, tokens and cost, and what it exported. */
  summary(result: PipelineResult): void {
    const td = result.training_data;
    this.entry({
      type: "summary",
      plan_id: result.plan_id,
      resumed: result.resumed,
      ...result.summary,
      cost_usd: roundUsd(result.summary.cost_usd),
      failures: result.failures.length,
      exported_samples: td.total_samples,
      statistics_file: td.stats_file,
    });
  }

  private entry(fields: Record<string, unknown>): void {
    if (this.failed) return;
    const line = this.redactor.text(JSON.stringify({ at: new Date().toISOString(), ...fields }));
    try {
      appendSyncNoFollow(this.path, `${line}\n`);
    } catch {
      this.failed = true; // logging must never stop a run
    }
  }
}

/** Money to the millionth of a dollar: sums of prices are floats (0.01240245000000001). */
function roundUsd(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}
