// Ctrl-C while the plan samples its personas. Sampling was one synchronous loop: 20,000 personas
// took half a minute and a mistyped `--personas 1000000000` forever, and neither Ctrl-C nor SIGTERM
// could stop it (their handlers never ran) — only `kill -9`.
import assert from "node:assert/strict";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { tempDir } from "../helpers/paths.js";
import { oneErrorLine, spawnCli } from "./harness.js";

test("Ctrl-C while sampling a huge --personas: exit 130 at once, one line, no plan saved", async (t) => {
  const dir = tempDir(t, "personasynth-e2e-");
  const config = join(dir, "config.yaml");
  writeFileSync(config, "query_generation:\n  allow_reuse: true\n");
  const out = join(dir, "out");
  const run = spawnCli(["run", "--config", config, "--personas", "1000000000", "--out", out]);
  let stderr = "";
  await new Promise<void>((resolve) => {
    run.child.stderr?.on("data", (chunk: string) => {
      stderr += chunk;
      if (stderr.includes("sampling 1000000000 personas")) resolve();
    });
  });
  await new Promise((resolve) => setTimeout(resolve, 1000)); // well into the sampling
  run.child.kill("SIGINT");
  const sentAt = performance.now();
  const killer = setTimeout(() => run.child.kill("SIGKILL"), 15_000);
  const result = await run.done;
  clearTimeout(killer);
  assert.equal(result.signal, null, "the run did not stop on Ctrl-C (killed after 15 s)");
  assert.equal(result.code, 130, result.stderr);
  assert.ok(performance.now() - sentAt < 5000, "took more than 5 s to stop");
  assert.match(oneErrorLine(result), /^error: interrupted while sampling personas \(\d+ of 1000000000\)/);
  const runs = join(out, "runs");
  assert.deepEqual(existsSync(runs) ? readdirSync(runs) : [], [], "a plan was saved");
});
