// The CLI's V8 tuning (cli/v8-tuning.ts): TurboFan considers a function after 8× V8's default amount of
// running, so code used only for a moment of a run is not compiled, and code that carries the run still is.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { ROOT } from "../helpers/paths.js";

const run = promisify(execFile);

/** Whether a small function is TurboFan code after `calls` calls, in a fresh process, tuned or not. */
async function optimisedAfter(calls: number, tuned: boolean): Promise<boolean> {
  const script = `
    import { tuneV8ForBatchRuns } from ${JSON.stringify(join(ROOT, "src/cli/v8-tuning.ts"))};
    if (${tuned}) tuneV8ForBatchRuns();
    function work(x) { let s = 0; for (let i = 0; i < 20; i++) s += (x * i) % 7; return s; }
    let total = 0;
    for (let i = 0; i < ${calls}; i++) total += work(i);
    // V8's own view of the function (bit 64: TurboFan code); natives syntax is parsed at run time.
    const status = new Function("f", "return %GetOptimizationStatus(f)")(work);
    process.stdout.write(String((status & 64) !== 0));
  `;
  const { stdout } = await run(
    process.execPath,
    [
      "--import",
      "tsx",
      "--allow-natives-syntax",
      // Compiled on the main thread, so the status is read after the compile, not during it.
      "--no-concurrent-recompilation",
      "--input-type=module",
      "-e",
      script,
    ],
    { cwd: ROOT },
  );
  return stdout.trim() === "true";
}

test("a function is optimised only after 8× the running it took at V8's default", async () => {
  assert.equal(await optimisedAfter(300, false), true, "at the default, 300 calls are enough");
  assert.equal(await optimisedAfter(300, true), false, "tuned, 300 calls are not");
  assert.equal(await optimisedAfter(5000, true), true, "tuned, a hot function is still optimised");
});
