import assert from "node:assert/strict";
import { test } from "node:test";
import { loadAllSeedQueries } from "../../src/query/load-all.js";
import { sha1Hex } from "../../src/util/hash.js";
import { tempDir } from "../helpers/paths.js";
import { jsonl, loadOne, texts, write } from "./load-helpers.js";

test("ids: <dataset>:<row id> when the row has one, else hash:<12 hex of sha1(text)>", async (t) => {
  const rows = [{ id: "a1", query: "with id" }, { query: "without id" }, { uuid: 99, query: "uuid" }];
  const path = write(tempDir(t), "mixed.jsonl", jsonl(rows));
  const { queries } = await loadOne({ path });
  assert.deepEqual(
    queries.map((q) => q.query_id),
    ["mixed:a1", `hash:${sha1Hex("without id").slice(0, 12)}`, "mixed:99"],
  );
  // The name, when given, replaces the file's base name.
  const named = await loadOne({ path, name: "bank" });
  assert.equal(named.queries[0]?.query_id, "bank:a1");
  assert.equal(named.queries[0]?.source_dataset, "bank");
  assert.equal(named.queries[1]?.query_id, queries[1]?.query_id);
});

test("the same file loaded twice gives the same ids, in every format", async (t) => {
  const dir = tempDir(t);
  const paths = [
    write(dir, "a.jsonl", jsonl([{ query: "one" }, { id: 5, query: "two" }])),
    write(dir, "b.json", JSON.stringify([{ query: "one" }, { id: 5, query: "two" }])),
    write(dir, "c.csv", "id,query\n,one\n5,two\n"),
  ];
  for (const path of paths) {
    const first = await loadOne({ path });
    const second = await loadOne({ path });
    assert.equal(first.queries.length, 2);
    assert.deepEqual(second.queries, first.queries);
  }
  // The hash id depends only on the text: identical across formats.
  const hashes = await Promise.all(paths.map(async (path) => (await loadOne({ path })).queries[0]?.query_id));
  assert.equal(new Set(hashes).size, 1);
});

test("duplicate texts are skipped and counted, the first wins; so are repeated ids", async (t) => {
  const rows = [
    { id: 1, query: "What is love?" },
    { id: 2, query: "  What is love?  " },
    { id: 3, query: "Different" },
    { id: 1, query: "Same id, new text" },
  ];
  const { queries, report } = await loadOne({ path: write(tempDir(t), "dups.jsonl", jsonl(rows)) });
  assert.deepEqual(
    queries.map((q) => q.query_id),
    ["dups:1", "dups:3"],
  );
  assert.equal(report.skipped.duplicate, 2);
  assert.deepEqual(report.examples, [
    { row: 2, kind: "duplicate", reason: "duplicate text (an earlier row has the same query)" },
    { row: 4, kind: "duplicate", reason: "duplicate id dups:1 (an earlier row has the same id)" },
  ]);
});

test("duplicates across datasets are skipped too, and the report counts per dataset", async (t) => {
  const dir = tempDir(t);
  const first = write(dir, "first.jsonl", jsonl([{ query: "shared" }, { query: "only first" }]));
  const second = write(dir, "second.csv", "prompt\nshared\nonly second\n");
  const { queries, report } = await loadAllSeedQueries([{ path: first }, { path: second }]);
  assert.deepEqual(texts(queries), ["shared", "only first", "only second"]);
  assert.equal(queries[0]?.source_dataset, "first");
  assert.equal(report.total, 3);
  assert.deepEqual(
    report.datasets.map((d) => [d.name, d.rows, d.loaded, d.skipped.duplicate]),
    [
      ["first", 2, 2, 0],
      ["second", 2, 1, 1],
    ],
  );
});

test("two datasets with the same name are refused: their ids would collide", async (t) => {
  const dir = tempDir(t);
  const a = write(dir, "train.jsonl", jsonl([{ id: 1, query: "a" }]));
  const b = write(tempDir(t), "train.jsonl", jsonl([{ id: 1, query: "b" }]));
  await assert.rejects(
    loadAllSeedQueries([{ path: a }, { path: b }]),
    (error: Error & { exitCode?: number }) => {
      assert.equal(error.exitCode, 2);
      assert.match(error.message, /share a name/);
      return true;
    },
  );
  const { queries } = await loadAllSeedQueries([{ path: a }, { path: b, name: "train2" }]);
  assert.deepEqual(
    queries.map((q) => q.query_id),
    ["train:1", "train2:1"],
  );
});
