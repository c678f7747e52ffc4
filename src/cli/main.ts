#!/usr/bin/env node
import { processIo } from "./io.js";
import { runCli } from "./run-cli.js";
import { tuneV8ForBatchRuns } from "./v8-tuning.js";

tuneV8ForBatchRuns();

// Ctrl-C or SIGTERM once: `run` stops cleanly (finishes flushing, exit 130, resumable) and prints
// the notice itself; any other command ends at once. Twice: leave at once.
const controller = new AbortController();
const interrupt = () => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
};
process.on("SIGINT", interrupt);
process.on("SIGTERM", interrupt);

runCli(process.argv.slice(2), processIo(), controller.signal).then(
  (code) => {
    process.exitCode = code;
    // A command that does not stop by itself may still have work pending: end it here.
    if (controller.signal.aborted) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`internal error: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
