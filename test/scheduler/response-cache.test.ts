import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { ResponseCache } from "../../src/scheduler/response-cache.js";
import { ROOT, tempDir } from "../helpers/paths.js";

const run = promisify(execFile);
const result = (text: string) => ({
  text,
  usage: { inputTokens: 3, outputTokens: 5 },
  finishReason: "stop",
  model: "m",
});

test("a result stored just before the process is killed is there on the next open", async (t) => {
  const path = join(tempDir(t), "cache.sqlite");
  // A child stores two results and dies at once: no flush, no close.
  const script = `
    import { ResponseCache } from ${JSON.stringify(join(ROOT, "src/scheduler/response-cache.ts"))};
    const cache = new ResponseCache(${JSON.stringify(path)});
    cache.put("k1", { text: "one", usage: { inputTokens: 1, outputTokens: 1 }, finishReason: "stop", model: "m" }, 1);
    cache.put("k2", { text: "two", usage: { inputTokens: 1, outputTokens: 1 }, finishReason: "stop", model: "m" }, 1);
    process.kill(process.pid, "SIGKILL");
  `;
  await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT }).catch(
    () => undefined,
  );
  const cache = new ResponseCache(path);
  t.after(() => cache.close());
  assert.equal(cache.get("k1")?.text, "one");
  assert.equal(cache.get("k2")?.text, "two");
  assert.equal(cache.size, 2);
});

test("results are readable at once, survive close and reopen, and a key is stored once", (t) => {
  const path = join(tempDir(t), "cache.sqlite");
  const cache = new ResponseCache(path);
  cache.put("a", result("first"), 1);
  cache.put("a", result("second"), 2);
  assert.equal(cache.get("a")?.text, "first");
  assert.equal(cache.get("missing"), undefined);
  cache.close();
  const again = new ResponseCache(path);
  t.after(() => again.close());
  assert.equal(again.get("a")?.text, "first");
  assert.equal(again.size, 1);
});

test("a cache that was empty at open finds every key it stored, in the journal or flushed to SQLite", (t) => {
  const path = join(tempDir(t), "cache.sqlite");
  const cache = new ResponseCache(path);
  t.after(() => cache.close());
  const keys = Array.from({ length: 2000 }, (_, i) => `key-${i}`);
  for (const key of keys.slice(0, 1000)) cache.put(key, result(key), 1);
  cache.flush();
  for (const key of keys.slice(1000)) cache.put(key, result(key), 1);
  for (const key of keys) assert.equal(cache.get(key)?.text, key);
  // Never stored: not found (whether the filter or SQLite says so).
  for (let i = 0; i < 2000; i++) assert.equal(cache.get(`other-${i}`), undefined);
});

test("a journal an earlier version left (the result as a JSON string) is imported too", (t) => {
  const path = join(tempDir(t), "cache.sqlite");
  writeFileSync(
    `${path}-journal.jsonl`,
    `${JSON.stringify(["old", JSON.stringify(result("from before")), 1])}\n` +
      `${JSON.stringify(["new", 2, result("from now")])}\n` +
      '["torn", 3, {"text": "cut',
  );
  const cache = new ResponseCache(path);
  t.after(() => cache.close());
  assert.equal(cache.get("old")?.text, "from before");
  assert.equal(cache.get("new")?.text, "from now");
  assert.equal(cache.get("torn"), undefined);
  assert.equal(cache.size, 2);
});

test("results move from the journal into SQLite in batches of at most 2,048, so the journal stays bounded", (t) => {
  const path = join(tempDir(t), "cache.sqlite");
  const cache = new ResponseCache(path);
  t.after(() => cache.close());
  const journal = () => statSync(`${path}-journal.jsonl`).size;
  for (let i = 0; i < 2047; i++) cache.put(`key-${i}`, result(`r${i}`), 1);
  assert.ok(journal() > 0, "below the batch size the results wait in the journal");
  cache.put("key-2047", result("last"), 1);
  assert.equal(journal(), 0, "the 2,048th result moves the batch into SQLite and empties the journal");
  assert.equal(cache.get("key-0")?.text, "r0");
  assert.equal(cache.get("key-2047")?.text, "last");
});
