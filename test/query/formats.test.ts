import assert from "node:assert/strict";
import { test } from "node:test";
import { tempDir } from "../helpers/paths.js";
import { jsonl, loadOne, texts, write } from "./load-helpers.js";
import { writeParquetFixture } from "./parquet-fixture.js";

test("JSONL: one object per line, blank lines ignored, rows numbered by line", async (t) => {
  const dir = tempDir(t);
  const path = write(dir, "qs.jsonl", `{"query": "first?"}\n\n{"query": "second?", "domain": "math"}\n`);
  const { queries, report } = await loadOne({ path });
  assert.deepEqual(texts(queries), ["first?", "second?"]);
  assert.deepEqual(
    queries.map((q) => q.row),
    [1, 3],
  );
  assert.equal(queries[1]?.domain, "math");
  assert.equal(queries[0]?.domain, undefined);
  assert.equal(queries[0]?.source_dataset, "qs");
  assert.deepEqual(report, {
    name: "qs",
    path,
    format: "jsonl",
    rows: 2,
    loaded: 2,
    skipped: { empty: 0, malformed: 0, too_long: 0, duplicate: 0 },
    examples: [],
    stopped_early: false,
  });
});

test(".ndjson is JSONL too", async (t) => {
  const path = write(tempDir(t), "qs.ndjson", jsonl([{ prompt: "a" }, { prompt: "b" }]));
  assert.deepEqual(texts((await loadOne({ path })).queries), ["a", "b"]);
});

test("JSON: an array of objects, and {queries: [...]}, numbered by element", async (t) => {
  const dir = tempDir(t);
  const array = write(dir, "array.json", JSON.stringify([{ question: "q1" }, { question: "q2" }], null, 2));
  const wrapped = write(dir, "wrapped.json", JSON.stringify({ queries: [{ text: "w1" }, "w2"] }));
  const a = await loadOne({ path: array });
  assert.deepEqual(texts(a.queries), ["q1", "q2"]);
  assert.deepEqual(
    a.queries.map((q) => q.row),
    [1, 2],
  );
  assert.equal(a.report.format, "json");
  // A bare string row is its own text.
  assert.deepEqual(texts((await loadOne({ path: wrapped })).queries), ["w1", "w2"]);
});

test("a .json file that is really JSONL is streamed as JSONL", async (t) => {
  const path = write(tempDir(t), "mislabelled.json", jsonl([{ query: "x" }, { query: "y" }]));
  const { queries } = await loadOne({ path });
  assert.deepEqual(texts(queries), ["x", "y"]);
  assert.deepEqual(
    queries.map((q) => q.row),
    [1, 2],
  );
});

test("CSV: quotes, escaped quotes, embedded commas and newlines, BOM, CRLF", async (t) => {
  const csv =
    "\uFEFFid,query,domain\r\n" +
    '1,"Hello, world",greeting\r\n' +
    '2,"She said ""hi""\r\nthen left",story\r\n' +
    "3,plain text,\r\n" +
    '4,"multi\nline\nquery","a,b"\r\n';
  const { queries, report } = await loadOne({ path: write(tempDir(t), "data.csv", csv) });
  assert.deepEqual(texts(queries), [
    "Hello, world",
    'She said "hi"\r\nthen left',
    "plain text",
    "multi\nline\nquery",
  ]);
  assert.deepEqual(
    queries.map((q) => q.query_id),
    ["data:1", "data:2", "data:3", "data:4"],
  );
  assert.deepEqual(
    queries.map((q) => q.domain),
    ["greeting", "story", undefined, "a,b"],
  );
  // Rows are numbered by the line where the record starts (header = line 1).
  assert.deepEqual(
    queries.map((q) => q.row),
    [2, 3, 5, 6],
  );
  assert.equal(report.rows, 4);
});

test("CSV without a trailing newline, with empty lines and short rows", async (t) => {
  const csv = 'question,category\n\nWhat is 2+2?,math\nNo category here\n\n"last, quoted",x';
  const { queries } = await loadOne({ path: write(tempDir(t), "d.csv", csv) });
  assert.deepEqual(texts(queries), ["What is 2+2?", "No category here", "last, quoted"]);
  assert.deepEqual(
    queries.map((q) => q.domain),
    ["math", undefined, "x"],
  );
});

test("CSV records crossing read-chunk boundaries parse exactly", async (t) => {
  const rows: string[] = [];
  for (let i = 0; i < 30_000; i++) rows.push(`row ${i}: "quoted", comma, and\nnewline ${"é".repeat(i % 50)}`);
  const csv = `text\n${rows.map((r) => `"${r.replaceAll('"', '""')}"`).join("\r\n")}\r\n`;
  assert.ok(Buffer.byteLength(csv) > 2 * 1024 * 1024);
  const { queries, report } = await loadOne({ path: write(tempDir(t), "big.csv", csv) });
  assert.equal(report.loaded, 30_000);
  assert.deepEqual(
    texts(queries),
    rows.map((r) => r.trim()),
  );
});

test("TSV: tab-separated, by extension", async (t) => {
  const tsv = 'id\tprompt\n7\tTabs, commas; all fine\n8\t"quoted\ttab"\n';
  const { queries, report } = await loadOne({ path: write(tempDir(t), "p.tsv", tsv) });
  assert.deepEqual(texts(queries), ["Tabs, commas; all fine", "quoted\ttab"]);
  assert.equal(queries[0]?.query_id, "p:7");
  assert.equal(report.format, "csv");
});

test("ShareGPT (JSONL, from/value): the first human turn, even after a system turn", async (t) => {
  const rows = [
    {
      id: "c1",
      conversations: [
        { from: "system", value: "You are helpful." },
        { from: "human", value: "How do I bake bread?" },
        { from: "gpt", value: "Mix flour..." },
      ],
    },
    { id: "c2", conversations: [{ from: "gpt", value: "Only a model turn" }] },
  ];
  const { queries, report } = await loadOne({ path: write(tempDir(t), "chats.jsonl", jsonl(rows)) });
  assert.deepEqual(texts(queries), ["How do I bake bread?", "Only a model turn"]);
  assert.equal(report.format, "sharegpt");
  assert.equal(queries[0]?.query_id, "chats:c1");
});

test("ShareGPT (JSON, role/content), explicit format, OpenAI messages and content parts", async (t) => {
  const dir = tempDir(t);
  const rows = [
    {
      conversations: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Name a prime." },
      ],
    },
    {
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "Parts" },
            { type: "text", text: "joined" },
          ],
        },
      ],
    },
    // The conversation comes first in ShareGPT mode, ahead of plain fields.
    { text: "ignored", conversations: [{ from: "human", value: "conversation wins" }] },
  ];
  const path = write(dir, "chats.json", JSON.stringify(rows));
  const { queries, report } = await loadOne({ path, format: "sharegpt" });
  assert.deepEqual(texts(queries), ["Name a prime.", "Parts\njoined", "conversation wins"]);
  assert.equal(report.format, "sharegpt");
});

test("Parquet: several row groups, int64 ids, only useful columns", async (t) => {
  const path = `${tempDir(t)}/seeds.parquet`;
  writeParquetFixture(
    path,
    [
      { name: "id", type: "int64" },
      { name: "question", type: "string" },
      { name: "category", type: "string" },
      { name: "answer", type: "string" },
    ],
    [
      [
        [10, "What is Parquet?", "data", "A columnar format."],
        [11, "¿Qué tal?", "chat", "Bien."],
      ],
      [[12, "Third row, second group", "misc", "..."]],
    ],
  );
  const { queries, report } = await loadOne({ path });
  assert.deepEqual(queries, [
    { query_id: "seeds:10", text: "What is Parquet?", source_dataset: "seeds", row: 1, domain: "data" },
    { query_id: "seeds:11", text: "¿Qué tal?", source_dataset: "seeds", row: 2, domain: "chat" },
    {
      query_id: "seeds:12",
      text: "Third row, second group",
      source_dataset: "seeds",
      row: 3,
      domain: "misc",
    },
  ]);
  assert.equal(report.format, "parquet");
});

test("the format is sniffed from the first bytes when the extension says nothing", async (t) => {
  const dir = tempDir(t);
  const lines = write(dir, "lines.txt", jsonl([{ query: "from jsonl" }]));
  const array = write(dir, "array.data", JSON.stringify([{ query: "from json" }]));
  const parquet = `${dir}/table.bin`;
  writeParquetFixture(parquet, [{ name: "text", type: "string" }], [[["from parquet"]]]);
  assert.deepEqual(texts((await loadOne({ path: lines })).queries), ["from jsonl"]);
  assert.deepEqual(texts((await loadOne({ path: array })).queries), ["from json"]);
  assert.deepEqual(texts((await loadOne({ path: parquet })).queries), ["from parquet"]);
  await assert.rejects(loadOne({ path: write(dir, "notes.txt", "just words\n") }), (error: Error) => {
    assert.equal((error as { exitCode?: number }).exitCode, 2);
    assert.match(error.message, /cannot tell the format/);
    return true;
  });
  // An explicit format wins over the extension.
  const csvAsTxt = write(dir, "table.txt", "query\ncsv by request\n");
  assert.deepEqual(texts((await loadOne({ path: csvAsTxt, format: "csv" })).queries), ["csv by request"]);
});
