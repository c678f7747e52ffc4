import assert from "node:assert/strict";
import { test } from "node:test";
import type { CliIo } from "../../src/cli/io.js";
import { ProgressView } from "../../src/cli/progress.js";
import { money, type ProgressState, progressLine } from "../../src/cli/progress-line.js";
import type { LibraryEvent, ProgressEvent } from "../../src/events.js";

const ESC = "\u001b";

const busy: ProgressState = {
  stored: 1234,
  failed: 17,
  total: 20000,
  storedAtStart: 200,
  active: 48,
  waiting: 120,
  calls: 98765,
  retries: 321,
  rateLimited: 45,
  concurrency: 48,
  tokens: 12_345_678,
  costUsd: 12.3456789,
  elapsedMs: 600_000,
};

test("the progress line fits the width on one line, dropping fields by priority, the count always there", () => {
  for (const width of [200, 120, 79, 60, 40, 25, 12]) {
    const line = progressLine(busy, width);
    assert.ok(line.length <= width, `${width}: ${line.length} columns: ${line}`);
    assert.doesNotMatch(line, /\n/);
    assert.match(line, /1234\/20000/, `${width}: ${line}`);
  }
  const wide = progressLine(busy, 200);
  for (const field of [
    "conversations 1234/20000",
    "48 in flight (+120 queued), 98765 done",
    "failed 17",
    "ETA",
    "$12.35",
    "429s 45, retries 321",
    "concurrency 48",
    "12.3M tokens",
    "[#",
  ])
    assert.ok(wide.includes(field), `${field} in: ${wide}`);
  const at80 = progressLine(busy, 79);
  assert.match(at80, /in flight/, "calls in flight are kept at 80 columns");
  assert.match(at80, /failed 17|✗17/, "failures are kept at 80 columns");
  const narrow = progressLine(busy, 40);
  assert.doesNotMatch(narrow, /tokens/, "tokens go first");
});

test("the ETA comes from this run's pace; nothing to wait for, no ETA", () => {
  // 1051 items in 10 minutes: 18,732 left take about 178 minutes.
  assert.match(progressLine(busy, 200), /ETA 2h5\dm/);
  assert.doesNotMatch(progressLine({ ...busy, stored: 200, failed: 0 }, 200), /ETA/);
});

test("money is rounded for display", () => {
  assert.equal(money(0.01240245000000001), "$0.0124");
  assert.equal(money(12.3456789), "$12.35");
  assert.equal(money(0), "$0");
  assert.equal(money(0.00000123), "<$0.0001");
});

/** A terminal 80 columns wide that records what was written. */
function terminal(): { io: CliIo; written: string[] } {
  const written: string[] = [];
  return {
    written,
    io: {
      stdout: () => undefined,
      stderr: (s) => void written.push(s),
      isTTY: true,
      columns: () => 80,
      env: {},
      cwd: process.cwd(),
    },
  };
}

const PLAN: LibraryEvent = {
  type: "plan",
  plan_id: "plan_x",
  resumed: false,
  personas: 8,
  items: 24,
  already_done: 0,
  to_run: 24,
};

function progress(done: number): ProgressEvent {
  return {
    type: "progress",
    done,
    failed: 0,
    total: 24,
    calls: 40,
    api_calls: 40,
    cache_hits: 0,
    input_tokens: 1000,
    output_tokens: 500,
    cost_usd: 0.01240245000000001,
    active_calls: 16,
    waiting_calls: 0,
    concurrency: 16,
    retries: 0,
    rate_limited: 0,
  };
}

test("Ctrl-C: the progress line is stopped before the notice, and never drawn after it", async () => {
  const { io, written } = terminal();
  const view = new ProgressView(io);
  view.handle(PLAN);
  view.handle(progress(0));
  view.handle(progress(3));
  view.interrupt("interrupting: …");
  const notice = written.findIndex((s) => s.startsWith("interrupting"));
  assert.ok(notice > 0);
  assert.equal(written[notice - 1], "\n", "the line ends before the notice");
  view.handle(progress(4));
  view.handle({ type: "warning", message: "late" });
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual(written.slice(notice + 1), ["warning: late\n"], "nothing redrawn after the notice");
  for (const s of written)
    for (const line of s.split(/\r|\n/)) assert.ok(line.replaceAll(`${ESC}[K`, "").length < 80);
});

test("messages go above the progress line, which is redrawn below them", () => {
  const { io, written } = terminal();
  const view = new ProgressView(io);
  view.handle(PLAN);
  view.handle({ type: "warning", message: "something" });
  const at = written.findIndex((s) => s.includes("warning: something"));
  assert.equal(written[at], `\r${ESC}[Kwarning: something\n`);
  assert.match(written[at + 1] as string, /^\rconversations 0\/24/);
  view.stop();
  assert.equal(written.at(-1), "\n");
});

test("a log or a pipe gets one line when the run is finished, not a copy per late event", () => {
  const { io, written } = terminal();
  const view = new ProgressView({ ...io, isTTY: false });
  view.handle(PLAN);
  view.handle(progress(0));
  view.handle(progress(3));
  for (let i = 0; i < 10; i++) view.handle(progress(24));
  view.stop();
  const lines = written.filter((s) => /^\[\d+s\] conversations/.test(s));
  assert.deepEqual(
    lines.map((s) => s.replace(/^\[\d+s\] /, "").split(" [")[0]),
    ["conversations 0/24", "conversations 24/24"],
    "the first line, then the finished line once; the in-between one waits for the interval",
  );
});
