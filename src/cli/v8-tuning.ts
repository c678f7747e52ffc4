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
 * Tunes the process for a long batch run. Called by the CLI (an application may decide for its own
 * process; the library never changes process-wide settings). The flag is read at every full
 * collection, so setting it at start-up takes effect. (An 8x interrupt budget, so TurboFan compiled
 * 59 functions instead of 221, was tried and taken out: on a quiet machine it cost more CPU per call
 * at L = 50 ms than it saved, 0.803/0.767 -> 0.894/0.838 ms, as the code stayed unoptimised longer.)
 */
export function tuneV8ForBatchRuns(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
