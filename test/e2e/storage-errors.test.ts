// Issue 13: a damaged, read-only, locked or full response cache or output disk ends the run with one
// line naming the cause and the fix (never "internal error" and a stack trace), through the real CLI.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import Database from "better-sqlite3";
import { CAN_MOUNT, growTmpfs, mountTmpfs, remountReadOnly } from "../helpers/mount.js";
import { tempDir } from "../helpers/paths.js";
import { oneErrorLine, runArgs, runCli, startDeterministicFake, writeConfig } from "./harness.js";

const NO_MOUNT = !CAN_MOUNT && "mounting a small filesystem needs root";

/** A cache file SQLite opens, whose table pages are garbage: reads fail with SQLITE_CORRUPT. */
function writeMalformedCache(path: string): void {
  const db = new Database(path);
  db.exec("CREATE TABLE responses (key TEXT PRIMARY KEY, value TEXT NOT NULL, created_at INTEGER NOT NULL)");
  const insert = db.prepare("INSERT INTO responses VALUES (?, ?, 0)");
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(`key-${i}`, "v".repeat(200));
  })();
  db.close();
  const bytes = readFileSync(path);
  for (let i = 2 * 4096; i < bytes.length; i++) bytes[i] = (i * 7) & 0xff;
  writeFileSync(path, bytes);
}

test("a damaged response cache (malformed pages, or not a database): one line saying move it aside or --no-cache, exit 1; --no-cache then completes", async (t) => {
  const server = await startDeterministicFake();
  t.after(() => server.close());
  const dir = tempDir(t, "personasynth-cache-");
  for (const [name, damage] of [
    ["malformed", writeMalformedCache],
    ["not a database", (path: string) => writeFileSync(path, "not a database\n".repeat(500))],
  ] as const) {
    const cache = join(dir, `${name.replaceAll(" ", "-")}.sqlite`);
    damage(cache);
    const config = writeConfig(dir, server.url, { llm: { cache: { path: cache } } });
    const args = runArgs(config, 1, join(dir, `out-${name}`));
    const result = await runCli(args);
    t.diagnostic(`${name}: exit ${result.code} after ${Math.round(result.ms)} ms`);
    assert.equal(result.code, 1, result.stderr);
    const line = oneErrorLine(result);
    assert.ok(line.includes(cache), line);
    assert.match(line, new RegExp(`damaged \\(${name}\\)`));
    assert.match(line, /move it aside \(mv .*\.bad"\)/);
    assert.match(line, /--no-cache/);
    const without = await runCli([...args, "--no-cache"]);
    t.diagnostic(`${name}, --no-cache: exit ${without.code} after ${Math.round(without.ms)} ms`);
    assert.equal(without.code, 0, without.stderr);
  }
});

test("a response cache held open by another process: one line saying it is in use and what to do, exit 1", async (t) => {
  const server = await startDeterministicFake();
  t.after(() => server.close());
  const dir = tempDir(t, "personasynth-cache-");
  const cache = join(dir, "shared.sqlite");
  const other = new Database(cache);
  other.pragma("locking_mode = EXCLUSIVE");
  other.exec("CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);");
  t.after(() => other.close());
  const config = writeConfig(dir, server.url, { llm: { cache: { path: cache } } });
  const result = await runCli(runArgs(config, 1, join(dir, "out")));
  assert.equal(result.code, 1, result.stderr);
  const line = oneErrorLine(result);
  assert.match(line, /in use by another run/);
  assert.match(line, /wait for the other run to finish, or give this one its own --out or llm\.cache\.path/);
  assert.equal(server.requests.length, 0);
});

test("a response cache on a read-only filesystem: one line saying so, with --no-cache as the fix", {
  skip: NO_MOUNT,
}, async (t) => {
  const server = await startDeterministicFake();
  t.after(() => server.close());
  const dir = tempDir(t, "personasynth-cache-");
  const mount = mountTmpfs(t, 4096);
  if (!mount) return t.skip("mount refused");
  const cache = join(mount, "responses.sqlite");
  const config = writeConfig(dir, server.url, { llm: { cache: { path: cache } } });
  const first = await runCli(runArgs(config, 1, join(dir, "a")));
  assert.equal(first.code, 0, first.stderr);
  remountReadOnly(mount);
  const result = await runCli(runArgs(config, 1, join(dir, "b")));
  assert.equal(result.code, 1, result.stderr);
  const line = oneErrorLine(result);
  assert.ok(line.includes(cache), line);
  assert.match(line, /cannot be written: the filesystem is read-only/);
  assert.match(line, /--no-cache/);
});

test("--out on a read-only filesystem (EROFS): one line saying read-only and to choose another --out; nothing called", {
  skip: NO_MOUNT,
}, async (t) => {
  const server = await startDeterministicFake();
  t.after(() => server.close());
  const dir = tempDir(t, "personasynth-erofs-");
  const mount = mountTmpfs(t, 64);
  if (!mount) return t.skip("mount refused");
  remountReadOnly(mount);
  const out = join(mount, "out");
  const result = await runCli(runArgs(writeConfig(dir, server.url), 1, out));
  assert.equal(result.code, 1, result.stderr);
  const line = oneErrorLine(result);
  assert.ok(line.includes(out), line);
  assert.match(line, /read-only/);
  assert.match(line, /--out/);
  assert.equal(server.requests.length, 0);
});

test("a disk that fills up mid-run: one line saying no space left and to free space, exit 1; with space the same command completes", {
  skip: NO_MOUNT,
}, async (t) => {
  const server = await startDeterministicFake();
  t.after(() => server.close());
  const dir = tempDir(t, "personasynth-full-");
  // Room for the run's first files (plan, personas, the cache), not for 8 personas' conversations.
  const mount = mountTmpfs(t, 160);
  if (!mount) return t.skip("mount refused");
  const config = writeConfig(dir, server.url);
  const args = runArgs(config, 8, join(mount, "out"));
  const full = await runCli(args);
  assert.equal(full.code, 1, full.stderr);
  const line = oneErrorLine(full);
  t.diagnostic(line);
  assert.match(line, /no space left on device/);
  assert.match(line, /free space/);
  growTmpfs(mount, 16384);
  const resumed = await runCli(args);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stdout, /produced \d+ \(\+\d+ from before\), failed 0|produced 24, failed 0/);
});
