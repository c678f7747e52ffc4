import { setFlagsFromString } from "node:v8";

/**
 * How far V8 lets the heap grow past what survived the last full collection, in percent. A run
 * allocates fast but keeps little alive (≈110 MB at 100,000 conversations), and V8's default lets
 * the heap grow up to 4× that before collecting: 700 MB of RSS that is mostly garbage. At 20% a
 * 100,000-conversation offline run peaks at 278–279 MB (294–301 MB at 30%) in the same time
 * (77–81 s either way; `npm run bench -- pipeline offline`).
 */
export const HEAP_GROWING_PERCENT = 20;

/**
 * How much a function runs (bytecodes, V8's "interrupt budget") between V8's checks whether to
 * optimise it: 8× V8's default (67,584). A run is a short process: at the default, TurboFan compiled
 * ~225 functions, many of them used only for a moment (reading the datasets, the export), and its
 * threads were a sixth of the process's CPU. Code that carries the run is still optimised, a few
 * thousand calls later. `npm run bench -- pipeline online` at L = 5 ms (CPU-bound), interleaved runs
 * on a shared machine (load 3–8): 0.679 / 0.676 / 0.569 CPU-ms per call against 0.773 / 0.701 / 0.586
 * at the default, lower in each of the three rounds.
 */
export const INTERRUPT_BUDGET = 8 * 67_584;

/**
 * Tunes the process for a long batch run. Called by the CLI (an application may decide for its own
 * process; the library never changes process-wide settings). Both flags are read when they apply (at
 * every full collection; when a function's budget is next set), so setting them at start-up takes
 * effect for the run.
 */
export function tuneV8ForBatchRuns(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}
