// Issue 13: on a real terminal (a pseudo-terminal 80 columns wide), the progress line shows calls in
// flight before the first conversation is stored, never wraps, and Ctrl-C leaves a clean prompt.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
// Prebuilt for linux, macOS and Windows (x64, arm64) through the lock: no toolchain, no skip.
import pty from "@lydell/node-pty";
import { ROOT, tempDir } from "../helpers/paths.js";
import { renderScreen } from "../helpers/screen.js";
import { CLI_ENTRY, readStoreLines, startDeterministicFake, writeConfig } from "./harness.js";

const COLS = 80;
const ESC = "\u001b";

test("at 80 columns: calls in flight before the first conversation is stored, one line that never wraps, a clean prompt after Ctrl-C", async (t) => {
  // Slow calls: a conversation takes several of them, so calls are in flight for seconds before the
  // first conversation is stored.
  const server = await startDeterministicFake({ latencyMs: 400 });
  t.after(() => server.close());
  const dir = tempDir(t, "personasynth-pty-");
  const config = writeConfig(dir, server.url);
  const args = [...CLI_ENTRY, "run", "--config", config, "--personas", "4", "--out", join(dir, "out")];
  const term = pty.spawn(process.execPath, args, {
    cols: COLS,
    rows: 30,
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", TERM: "xterm-256color" },
  });
  let output = "";
  let inFlightFirst: string | undefined;
  let interruptedAt: number | undefined;
  const exited = new Promise<number>((resolve) => term.onExit(({ exitCode }) => resolve(exitCode)));
  term.onData((data) => {
    output += data;
    // The line as last drawn: calls in flight while no conversation is stored yet.
    const drawn = output.split("\r").at(-1) ?? "";
    if (inFlightFirst === undefined && /\b0\/12\b.*\b[1-9]\d* in flight/.test(drawn)) inFlightFirst = drawn;
    // Ctrl-C once some conversations are stored (and others are not).
    if (inFlightFirst !== undefined && interruptedAt === undefined && /\b[1-9]\d*\/12\b/.test(drawn)) {
      interruptedAt = output.length;
      term.write("\x03"); // Ctrl-C, through the terminal's line discipline: SIGINT
    }
  });
  const timeout = setTimeout(() => term.kill("SIGKILL"), 120_000);
  const code = await exited;
  clearTimeout(timeout);
  t.diagnostic(`first line with calls in flight: ${JSON.stringify(inFlightFirst)}`);
  assert.ok(
    inFlightFirst !== undefined,
    `no calls in flight seen before a conversation was stored:\n${output}`,
  );
  assert.ok(interruptedAt !== undefined, `the run ended before Ctrl-C:\n${output}`);
  assert.equal(code, 130, output);

  // Each progress line drawn (from a carriage return to an erase-to-end-of-line) fits: it never wraps.
  const drawn = output.split("\r").filter((part) => part.endsWith(`${ESC}[K`));
  assert.ok(drawn.length > 3, JSON.stringify(output));
  for (const line of drawn) assert.ok(line.length - 3 < COLS, `${line.length - 3} columns: ${line}`);
  const screen = renderScreen(output, COLS);
  const notice = screen.lines.findIndex((l) => l.startsWith("interrupting:"));
  assert.ok(notice > 0, screen.lines.join("\n"));
  assert.match(
    screen.lines[notice - 1] as string,
    /conversations|\d+\/12/,
    "the stopped progress line stays above",
  );
  // Nothing drawn after the notice: only the error line, which says what a rerun will find.
  const after = screen.lines.slice(notice).join("");
  assert.doesNotMatch(after, /\d+ in flight|\d+\/12\b/, `progress drawn after the notice:\n${after}`);
  const stored = /error: interrupted with (\d+) of 12 stored/.exec(after);
  assert.ok(stored, after);
  assert.equal(
    Number(stored[1]),
    readStoreLines(join(dir, "out", "interactions")).length,
    "as many as stored",
  );
  // The prompt lands at the start of an empty line.
  assert.equal(screen.col, 0, "the cursor is at the start of a line");
  assert.equal(screen.lines[screen.row] ?? "", "", "on an empty line");
});
