import { ioError } from "../errors.js";
import type { EventSink } from "../events.js";
import { makeDirectory } from "../util/make-directory.js";
import { OutputLock } from "./output-lock.js";
import type { OutputPaths } from "./output-paths.js";

/**
 * The first thing a run does, before it writes or calls anything: make sure its output directory
 * exists and take its lock (one run per output directory). The layout below it is checked by the
 * preflight (no symbolic links, writable). Returns the lock, to release when the run ends.
 */
export function prepareOutput(paths: OutputPaths, events: EventSink): OutputLock {
  try {
    makeDirectory(paths.root);
  } catch (error) {
    const wrapped = ioError("write to the output directory", paths.root, error);
    throw wrapped.hint
      ? wrapped
      : Object.assign(wrapped, { hint: "choose another directory with --out, or fix the permissions" });
  }
  return OutputLock.acquire(paths.root, events);
}
