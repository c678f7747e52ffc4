// Issue 6: Ctrl-C (SIGINT) mid-run exits 130 with the store consistent, and the same command finishes it.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import type { FakeReply, FakeRequest } from "../helpers/fake-llm-server.js";
import { tempDir } from "../helpers/paths.js";
import {
  deterministicReply,
  errorLines,
  exportedSamples,
  latestExport,
  readStoreLines,
  repeatedRequests,
  runArgs,
  runCli,
  spawnCli,
  startDeterministicFake,
  writeConfig,
} from "./harness.js";

const PERSONAS = 8;
const EXPECTED = PERSONAS * 3;

/** Starts a run, sends SIGINT `times` times once the fake has received `after` requests. */
async function interruptedRun(t: { after(fn: () => void): void }, times: 1 | 2) {
  let onRequest: (() => void) | undefined;
  const server = await startDeterministicFake({
    latencyMs: 30,
    script: () => {
      onRequest?.();
      return undefined;
    },
  });
  t.after(() => server.close());
  const dir = tempDir(t, "personasynth-e2e-");
  const out = join(dir, "out");
  const args = runArgs(writeConfig(dir, server.url), String(PERSONAS), out);
  const run = spawnCli(args);
  let sentAt: number | undefined;
  onRequest = () => {
    if (sentAt !== undefined || server.requests.length < 90) return;
    sentAt = performance.now();
    run.child.kill("SIGINT");
    if (times === 2) setTimeout(() => run.child.kill("SIGINT"), 5);
  };
  const interrupted = await run.done;
  onRequest = undefined;
  assert.ok(sentAt !== undefined, `the run ended before it was interrupted: ${interrupted.stderr}`);
  return { server, out, args, interrupted, exitMs: performance.now() - sentAt };
}

test("Ctrl-C mid-run: exit 130 soon, every stored line whole, and the same command completes the exact count", async (t) => {
  const { server, out, args, interrupted, exitMs } = await interruptedRun(t, 1);
  assert.equal(interrupted.code, 130, interrupted.stderr);
  assert.ok(exitMs < 10_000, `took ${Math.round(exitMs)} ms to stop after SIGINT`);
  assert.match(interrupted.stderr, /interrupt/i);
  assert.equal(errorLines(interrupted.stderr).length, 1, interrupted.stderr);
  assert.doesNotMatch(interrupted.stderr, /internal error|\n\s+at /);
  const stored = readStoreLines(join(out, "interactions"));
  assert.ok(stored.length < EXPECTED);
  const beforeRerun = server.requests.length;

  const rerun = await runCli(args);
  assert.equal(rerun.code, 0, rerun.stderr);
  assert.match(rerun.stdout, new RegExp(`requested ${EXPECTED}, produced ${EXPECTED - stored.length}\\b`));
  const records = readStoreLines(join(out, "interactions"));
  assert.equal(records.length, EXPECTED);
  assert.equal(new Set(records.map((r) => r.interaction_id)).size, EXPECTED);
  const samples = exportedSamples(latestExport(join(out, "training_data")));
  assert.equal(samples.length, EXPECTED);
  assert.equal(new Set(samples.map((s) => s.sample_id)).size, EXPECTED);
  // Ctrl-C aborts the calls in flight (at most max_concurrency = 16); nothing that finished is redone.
  const again = repeatedRequests(server.requests);
  t.diagnostic(
    `stopped ${Math.round(exitMs)} ms after SIGINT, ${beforeRerun} requests before, ${server.requests.length} in all, ${again} repeated, ${stored.length} stored at the interrupt`,
  );
  assert.ok(again <= 16 + server.requests.length / 100, `${again} requests repeated`);
});

test("Ctrl-C twice: leaves at once with 130, and the store still resumes to the exact count", async (t) => {
  const { out, args, interrupted, exitMs } = await interruptedRun(t, 2);
  assert.equal(interrupted.code, 130, interrupted.stderr);
  t.diagnostic(`stopped ${Math.round(exitMs)} ms after the first SIGINT`);
  const rerun = await runCli(args);
  assert.equal(rerun.code, 0, rerun.stderr);
  const records = readStoreLines(join(out, "interactions"));
  assert.equal(records.length, EXPECTED);
  assert.equal(new Set(records.map((r) => r.interaction_id)).size, EXPECTED);
  assert.equal(exportedSamples(latestExport(join(out, "training_data"))).length, EXPECTED);
});

test("after Ctrl-C no new call is started: calls queued for a slot are dropped, not sent", {}, async (t) => {
  // Slow answers and few slots, so many calls wait for a slot when Ctrl-C comes.
  const arrivedAt = new Map<number, number>();
  const answered = new Set<number>();
  let onRequest: (() => void) | undefined;
  const server = await startDeterministicFake({
    latencyMs: 400,
    script: (req) => {
      arrivedAt.set(req.index, performance.now());
      onRequest?.();
      return undefined;
    },
    reply: (req) => {
      answered.add(req.index);
      return deterministicReply(req);
    },
  });
  t.after(() => server.close());
  const dir = tempDir(t, "personasynth-e2e-");
  const config = writeConfig(dir, server.url, { providers: { fake: { max_concurrency: 4 } } });
  const run = spawnCli(runArgs(config, 6, join(dir, "out")));
  let sentAt: number | undefined;
  onRequest = () => {
    // After the 6 system prompts (they go first) have been answered: no other bug interferes.
    if (sentAt === undefined && server.requests.length >= 30) {
      sentAt = performance.now();
      run.child.kill("SIGINT");
    }
  };
  const result = await run.done;
  const at = sentAt as number;
  const startedAfter = [...arrivedAt].filter(([, when]) => when > at).map(([index]) => index);
  const paidAfter = startedAfter.filter((index) => answered.has(index));
  t.diagnostic(
    `exit ${Math.round(result.ms)} ms after start, ${Math.round(performance.now() - at)} ms after SIGINT; ` +
      `${startedAfter.length} requests arrived after SIGINT, ${paidAfter.length} of them answered in full`,
  );
  // A request the client was already writing when the signal came may arrive just after it, but it
  // is aborted with the others: none that arrives after Ctrl-C may be waited for to the end.
  assert.deepEqual(paidAfter, [], "calls started and paid for after Ctrl-C");
  assert.equal(result.code, 130, result.stderr);
});

test("Ctrl-C while system prompts are still being written: exit 130, not a crash", {}, async (t) => {
  // System prompts and style transfers answer slowly, so both are in flight when Ctrl-C comes.
  const slow = (req: FakeRequest): number => {
    const text = JSON.stringify(req.body?.messages ?? "");
    if (text.includes("Write the system prompt for an AI assistant")) return 3000;
    if (req.body?.response_format?.json_schema?.name === "style_transfer") return 1500;
    return 0;
  };
  let onRequest: (() => void) | undefined;
  const server = await startDeterministicFake({
    latencyMs: 10,
    script: () => {
      onRequest?.();
      return undefined;
    },
    reply: (req) =>
      new Promise<FakeReply>((resolve) => setTimeout(() => resolve(deterministicReply(req)), slow(req))),
  });
  t.after(() => server.close());
  const dir = tempDir(t, "personasynth-e2e-");
  const out = join(dir, "out");
  const args = runArgs(writeConfig(dir, server.url), 4, out);
  const run = spawnCli(args);
  let sent = false;
  onRequest = () => {
    // 4 system prompts + 12 style transfers in flight.
    if (!sent && server.requests.length >= 16) {
      sent = true;
      setTimeout(() => run.child.kill("SIGINT"), 100);
    }
  };
  const result = await run.done;
  assert.ok(sent);
  assert.doesNotMatch(result.stderr, /\n\s+at /, "a stack trace on stderr");
  assert.equal(result.code, 130, result.stderr);
  readStoreLines(join(out, "interactions"));
  const rerun = await runCli(args);
  assert.equal(rerun.code, 0, rerun.stderr);
  assert.equal(exportedSamples(latestExport(join(out, "training_data"))).length, 12);
});
