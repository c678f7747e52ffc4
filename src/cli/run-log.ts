import { join } from "node:path";
import type { LibraryEvent } from "../events.js";
import { fileTimestamp } from "../util/clock.js";
import { makeDirectory } from "../util/make-directory.js";
import { appendSyncNoFollow, refuseLink } from "../util/safe-files.js";

/**
 * The run's log file in the logs directory: one JSON line per event (progress events thinned to one
 * every few seconds), so a run can be inspected afterwards without mixing logs into data files.
 */
export class RunLog {
  readonly path: string;
  private lastProgress = 0;
  private failed = false;

  constructor(dir: string, now: Date) {
    this.path = join(dir, `run_${fileTimestamp(now)}.log`);
    try {
      // Never through a link: the run refuses a linked logs/ with a clear error; nothing goes through it.
      refuseLink(dir);
      makeDirectory(dir);
    } catch {
      this.failed = true; // the run's own check reports an unwritable output directory clearly
    }
  }

  write(event: LibraryEvent): void {
    if (this.failed) return;
    if (event.type === "progress") {
      const now = Date.now();
      if (now - this.lastProgress < 5000 && event.done + event.failed < event.total) return;
      this.lastProgress = now;
    }
    try {
      appendSyncNoFollow(this.path, `${JSON.stringify({ at: new Date().toISOString(), ...event })}\n`);
    } catch {
      this.failed = true; // logging must never stop a run
    }
  }
}
