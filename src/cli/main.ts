#!/usr/bin/env node
import { tuneHeapForBatchRuns } from "./heap-tuning.js";
import { processIo } from "./io.js";
import { runCli } from "./run-cli.js";

tuneHeapForBatchRuns();

// Ctrl-C once: stop cleanly (finish flushing, exit 130, resumable). Twice: leave at once.
const controller = new AbortController();
let interrupts = 0;
process.on("SIGINT", () => {
  interrupts++;
  if (interrupts > 1) process.exit(130);
  process.stderr.write("\ninterrupting: flushing what is finished (Ctrl-C again to quit at once)\n");
  controller.abort();
});
process.on("SIGTERM", () => controller.abort());

runCli(process.argv.slice(2), processIo(), controller.signal).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`internal error: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
