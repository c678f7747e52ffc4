import assert from "node:assert/strict";
import { closeSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { LibraryEvent } from "../../src/events.js";
import { loadSeedQueries } from "../../src/query/load-dataset.js";
import { tempDir } from "../helpers/paths.js";
import { jsonl, loadOne, texts, write } from "./load-helpers.js";
import { writeParquetFixture } from "./parquet-fixture.js";

test("maxQueries stops reading early: the rest of the file is never looked at", async (t) => {
  const dir = tempDir(t);
  const rows = Array.from({ length: 100 }, (_, i) => ({ id: i, query: `question ${i}` }));
  // Garbage after the first rows: reading it would count malformed rows.
  const path = write(dir, "long.jsonl", `${jsonl(rows.slice(0, 5))}not json\n${jsonl(rows.slice(5))}`);
  const { queries, report, events } = await loadOne({ path, maxQueries: 3 });
  assert.deepEqual(texts(queries), ["question 0", "question 1", "question 2"]);
  assert.equal(report.rows, 3);
  assert.equal(report.stopped_early, true);
  assert.deepEqual(events, [
    { type: "info", message: `seed dataset long (${path}): loaded 3 of 3 rows (stopped at max_queries)` },
  ]);
  // Skipped rows do not count towards the limit.
  const skipping = await loadOne({
    path: write(dir, "s.csv", "query\n\nfirst\nfirst\n  \nsecond\nthird\n"),
    maxQueries: 2,
  });
  assert.deepEqual(texts(skipping.queries), ["first", "second"]);
  assert.deepEqual(skipping.report.skipped, { empty: 1, malformed: 0, too_long: 0, duplicate: 1 });
  // Parquet stops after the row group that fills the quota.
  const parquet = join(dir, "groups.parquet");
  writeParquetFixture(
    parquet,
    [{ name: "query", type: "string" }],
    [[["g1 a"], ["g1 b"]], [["g2 a"]], [["g3 a"]]],
  );
  const fromParquet = await loadOne({ path: parquet, maxQueries: 3 });
  assert.deepEqual(texts(fromParquet.queries), ["g1 a", "g1 b", "g2 a"]);
  assert.equal(fromParquet.report.rows, 3);
  // Zero means none, without reading.
  assert.equal((await loadOne({ path, maxQueries: 0 })).queries.length, 0);
});

test("a caller that stops iterating still gets the summary event, with the counts so far", async (t) => {
  const path = write(
    tempDir(t),
    "q.jsonl",
    jsonl([{ query: "a" }, { query: "" }, { query: "b" }, { query: "c" }]),
  );
  const events: LibraryEvent[] = [];
  for await (const query of loadSeedQueries({ path }, { events: (e) => events.push(e) })) {
    if (query.text === "b") break;
  }
  assert.equal(events.length, 1);
  assert.match(events[0]?.type === "warning" ? events[0].message : "", /loaded 2 of 3 rows; skipped 1 empty/);
});

test("a 200,000-row JSONL file streams with flat memory", async (t) => {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const path = join(tempDir(t), "big.jsonl");
  const out = openSync(path, "w");
  for (let start = 0; start < 200_000; start += 10_000) {
    let block = "";
    for (let i = start; i < start + 10_000; i++) {
      block += `{"id":"r${i}","domain":"bulk","query":"Bulk question number ${i}: how would you approach problem ${i * 7}?"}\n`;
    }
    writeSync(out, block);
  }
  closeSync(out);

  // Two measures: the heap as sampled (garbage included, as V8 lets it accumulate between
  // collections) and the live heap after forcing a collection every 50,000 rows.
  gc();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  let livePeak = baseline;
  let count = 0;
  let lastId = "";
  for await (const query of loadSeedQueries({ path })) {
    count++;
    lastId = query.query_id; // look at each query, keep none
    if (count % 1_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    if (count % 50_000 === 0) {
      gc();
      livePeak = Math.max(livePeak, process.memoryUsage().heapUsed);
    }
  }
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  t.diagnostic(
    `heap growth while streaming 200,000 rows: sampled peak ${mib(peak - baseline)}, live ${mib(livePeak - baseline)}`,
  );
  assert.equal(count, 200_000);
  assert.equal(lastId, "big:r199999");
  assert.ok(peak - baseline < 60 * 2 ** 20, `heap grew by ${mib(peak - baseline)} while streaming`);
  assert.ok(
    livePeak - baseline < 16 * 2 ** 20,
    `live heap grew by ${mib(livePeak - baseline)} while streaming`,
  );
});
