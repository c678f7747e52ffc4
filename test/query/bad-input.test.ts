import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ConfigError, DataError, StoreError } from "../../src/errors.js";
import { loadAllSeedQueries } from "../../src/query/load-all.js";
import { tempDir } from "../helpers/paths.js";
import { jsonl, loadOne, texts, write } from "./load-helpers.js";
import { writeParquetFixture } from "./parquet-fixture.js";

test("binary garbage: NUL bytes and invalid UTF-8 lines are malformed, good lines still load", async (t) => {
  const dir = tempDir(t);
  const good = Buffer.from(jsonl([{ query: "fine" }]));
  const nul = Buffer.from('{"query": "a\u0000b"}\n'.replace("\\u0000", "\0"));
  const invalid = Buffer.concat([
    Buffer.from('{"query": "caf'),
    Buffer.from([0xc3, 0x28]),
    Buffer.from('"}\n'),
  ]);
  const path = write(dir, "mixed.jsonl", Buffer.concat([good, nul, invalid, good]));
  const { queries, report, events } = await loadOne({ path });
  assert.deepEqual(texts(queries), ["fine"]);
  assert.deepEqual(report.skipped, { empty: 0, malformed: 2, too_long: 0, duplicate: 1 });
  assert.deepEqual(report.examples.slice(0, 2), [
    { row: 2, kind: "malformed", reason: "binary data (NUL byte), not text" },
    { row: 3, kind: "malformed", reason: "not valid UTF-8 (binary data?)" },
  ]);
  // One warning for the dataset, not one per row.
  assert.equal(events.length, 1);
  assert.equal(events[0]?.type, "warning");
  assert.match(
    events[0]?.type === "warning" ? events[0].message : "",
    /loaded 1 of 4 rows; skipped 2 malformed, 1 duplicate/,
  );

  // A whole binary file, as JSONL and as CSV: nothing loads, nothing throws.
  const random = randomBytes(64 * 1024);
  random[100] = 0;
  // The first byte is never valid UTF-8, so the CSV's header row is garbage whatever the draw (a draw
  // starting with a short valid line and a newline made that line a readable header: 1 run in ~1,000).
  random[0] = 0xff;
  const asJsonl = await loadOne({ path: write(dir, "random.jsonl", random) });
  assert.equal(asJsonl.report.loaded, 0);
  assert.equal(asJsonl.report.rows, asJsonl.report.skipped.malformed + asJsonl.report.skipped.too_long);
  const asCsv = await loadOne({ path: write(dir, "random.csv", random) });
  assert.equal(asCsv.report.loaded, 0);
  assert.match(asCsv.report.examples[0]?.reason ?? "", /header row is unreadable/);
  // A literal U+FFFD that is validly encoded is text, not garbage.
  const replacement = await loadOne({
    path: write(dir, "fffd.jsonl", jsonl([{ query: "odd \uFFFD char" }])),
  });
  assert.deepEqual(texts(replacement.queries), ["odd \uFFFD char"]);
});

test("binary garbage in CSV fields and in Parquet-like text makes only that row malformed", async (t) => {
  const csv = Buffer.concat([
    Buffer.from("query\nok\n"),
    Buffer.from([0x62, 0xff, 0xfe, 0x0a]),
    Buffer.from("also ok\n"),
  ]);
  const { queries, report } = await loadOne({ path: write(tempDir(t), "bin.csv", csv) });
  assert.deepEqual(texts(queries), ["ok", "also ok"]);
  assert.deepEqual(report.examples, [
    { row: 3, kind: "malformed", reason: "not valid UTF-8 (binary data?)" },
  ]);
  // NUL written as a JSON escape is valid JSON, but not a query.
  const escaped = await loadOne({ path: write(tempDir(t), "esc.jsonl", '{"query": "a\\u0000b"}\n') });
  assert.equal(escaped.report.skipped.malformed, 1);
});

test("an empty file gives zero rows, reported as a warning; the caller decides", async (t) => {
  const dir = tempDir(t);
  for (const name of ["empty.jsonl", "empty.json", "empty.csv", "blank.jsonl"]) {
    const path = write(dir, name, name.startsWith("blank") ? "\n\n  \n" : "");
    const { queries, report, events } = await loadOne({ path });
    assert.equal(queries.length, 0, name);
    assert.equal(report.rows, 0, name);
    assert.equal(events[0]?.type, "warning", name);
    assert.match(events[0]?.type === "warning" ? events[0].message : "", /no rows \(the file is empty\)/);
  }
  // A CSV with only a header has no rows either.
  assert.equal((await loadOne({ path: write(dir, "header.csv", "query\n") })).report.rows, 0);
});

test("a 10 MB single line is skipped as too_long; the rows around it load", async (t) => {
  const dir = tempDir(t);
  const path = join(dir, "huge-line.jsonl");
  const out = createWriteStream(path);
  out.write(`${JSON.stringify({ query: "before" })}\n{"query": "`);
  const block = "x".repeat(1024 * 1024);
  for (let i = 0; i < 10; i++) out.write(block);
  out.write(`"}\n${JSON.stringify({ query: "after" })}\n`);
  out.end();
  await once(out, "finish");
  const { queries, report } = await loadOne({ path });
  assert.deepEqual(texts(queries), ["before", "after"]);
  assert.deepEqual(report.examples, [
    { row: 2, kind: "too_long", reason: "text of 10485760 characters exceeds the 20000 limit" },
  ]);
  // The text limit is an option.
  const strict = await loadOne({ path }, { maxTextChars: 4 });
  assert.deepEqual(texts(strict.queries), []);
  assert.equal(strict.report.skipped.too_long, 3);
  // A line over the byte limit is never held in memory: it is measured as it streams past.
  const capped = await loadOne({ path }, { maxLineBytes: 64 * 1024 });
  assert.deepEqual(texts(capped.queries), ["before", "after"]);
  assert.deepEqual(capped.report.examples, [
    { row: 2, kind: "too_long", reason: "line of 10 MB exceeds the 64 KB line limit" },
  ]);
  // The same for a CSV record (a runaway quote swallowing the rest of the file).
  const csv = write(dir, "runaway.csv", `query\nfine\n"never closed ${"y".repeat(200_000)}\nmore\n`);
  const runaway = await loadOne({ path: csv }, { maxLineBytes: 64 * 1024 });
  assert.deepEqual(texts(runaway.queries), ["fine"]);
  assert.equal(runaway.report.skipped.too_long, 1);
});

test("wrong column names: nothing loads and the report says which columns were found", async (t) => {
  const dir = tempDir(t);
  const csv = write(dir, "posts.csv", "title,body\nHello,World\nFoo,Bar\n");
  const { report, events } = await loadOne({ path: csv });
  assert.equal(report.loaded, 0);
  assert.equal(report.skipped.malformed, 2);
  assert.deepEqual(report.examples[0], {
    row: 2,
    kind: "malformed",
    reason: "no text field among: title, body",
  });
  assert.match(events[0]?.type === "warning" ? events[0].message : "", /no text field among: title, body/);

  const json = write(dir, "articles.jsonl", jsonl([{ headline: "x", content: "y" }]));
  await assert.rejects(loadAllSeedQueries([{ path: csv }, { path: json }]), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.exitCode, 2);
    const text = error.describe();
    assert.match(text, /no seed query could be loaded/);
    assert.match(
      text,
      /posts\.csv: the header row \(line 1\) names no text column \(title, body\), so all 2 rows were skipped/,
    );
    assert.match(
      text,
      /articles\.jsonl: all 1 rows skipped \(1 malformed\); row 1: no text field among: headline, content/,
    );
    return true;
  });
});

test("no dataset yields a query: one ConfigError naming each file and why", async (t) => {
  const dir = tempDir(t);
  const empty = write(dir, "empty.jsonl", "");
  const blank = write(dir, "blank.csv", 'query\n""\n  \n');
  await assert.rejects(loadAllSeedQueries([{ path: empty }, { path: blank }]), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.deepEqual(
      error.issues.map((i) => [i.file, i.message]),
      [
        [empty, "the file is empty (no rows)"],
        [blank, "all 1 rows skipped (1 empty); row 3: empty text (query)"],
      ],
    );
    return true;
  });
  await assert.rejects(loadAllSeedQueries([]), ConfigError);
});

test("invalid JSON is one DataError naming the file, line and column", async (t) => {
  const dir = tempDir(t);
  const path = write(dir, "broken.json", '[\n  {"query": "ok"},\n  {"query": "bad",}\n]\n');
  await assert.rejects(loadOne({ path }), (error: unknown) => {
    assert.ok(error instanceof DataError);
    assert.equal(error.where, `${path}:3:19`);
    assert.match(error.describe(), /broken\.json:3:19: invalid JSON/);
    return true;
  });
  // V8 gives no position for this one; the location is still found.
  const noPosition = write(dir, "token.json", '[{"query": "a"},\n {"query": tru}]');
  await assert.rejects(
    loadOne({ path: noPosition }),
    (error: DataError) => error.where === `${noPosition}:2:12`,
  );
  // A JSON object without `queries`.
  const object = write(dir, "object.json", '{"rows": []}');
  await assert.rejects(
    loadOne({ path: object }),
    /expected a JSON array of rows or \{"queries": \[...\]\}, found an object with keys: rows/,
  );
  // A bad JSONL line is only that row.
  const lines = await loadOne({ path: write(dir, "lines.jsonl", '{"query": "a"}\n{oops\n{"query": "b"}\n') });
  assert.deepEqual(texts(lines.queries), ["a", "b"]);
  assert.equal(lines.report.examples[0]?.row, 2);
  assert.match(lines.report.examples[0]?.reason ?? "", /^invalid JSON: /);
});

test("a .json file over the size limit is refused with a hint to use JSONL", async (t) => {
  const path = write(tempDir(t), "big.json", JSON.stringify([{ query: "x".repeat(5000) }]));
  await assert.rejects(loadOne({ path }, { maxJsonBytes: 1000 }), (error: unknown) => {
    assert.ok(error instanceof DataError);
    assert.match(
      error.message,
      /this JSON file is 4\.9 KB; a \.json dataset is parsed whole and may be at most 1000 B/,
    );
    assert.match(error.hint ?? "", /JSONL/);
    return true;
  });
});

test("a missing file, a directory, an unknown format and a corrupt Parquet file fail clearly", async (t) => {
  const dir = tempDir(t);
  await assert.rejects(loadOne({ path: join(dir, "nope.jsonl") }), (error: unknown) => {
    assert.ok(error instanceof StoreError);
    assert.match(error.describe(), /nope\.jsonl: cannot read: no such file or directory/);
    return true;
  });
  await assert.rejects(loadOne({ path: dir, format: "jsonl" }), StoreError);
  await assert.rejects(loadOne({ path: join(dir, "x.jsonl"), format: "xml" as "json" }), ConfigError);
  await assert.rejects(
    loadOne({ path: write(dir, "x.parquet", "PAR1 not really PAR1") }),
    (error: unknown) => {
      assert.ok(error instanceof DataError);
      assert.match(error.message, /not a readable Parquet file/);
      return true;
    },
  );
  await assert.rejects(loadOne({ path: write(dir, "ok.jsonl", ""), maxQueries: -1 }), ConfigError);
  // A codec hyparquet cannot decompress is named, with a way out.
  const zstd = join(dir, "zstd.parquet");
  writeParquetFixture(zstd, [{ name: "query", type: "string" }], [[["x"]]], 6);
  await assert.rejects(loadOne({ path: zstd }), (error: unknown) => {
    assert.ok(error instanceof DataError);
    assert.match(error.message, /unsupported compression codec: ZSTD/);
    assert.match(error.hint ?? "", /Snappy/);
    return true;
  });
});
