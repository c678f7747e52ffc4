import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { test } from "node:test";
import { bundledSeedQueriesPath, bundledSeedSource } from "../../src/query/bundled-bank.js";
import { loadAllSeedQueries } from "../../src/query/load-all.js";
import { ROOT } from "../helpers/paths.js";

test("the bundled seed bank resolves to data/seed_queries.jsonl at the package root", () => {
  const path = bundledSeedQueriesPath();
  assert.ok(isAbsolute(path));
  assert.equal(path, join(ROOT, "data", "seed_queries.jsonl"));
  assert.ok(existsSync(path));
});

test("the bundled bank loads: at least 400 queries, unique ids, every row used", async () => {
  const { queries, report } = await loadAllSeedQueries([bundledSeedSource()]);
  assert.ok(queries.length >= 400, `only ${queries.length} queries`);
  assert.equal(new Set(queries.map((q) => q.query_id)).size, queries.length);
  assert.equal(new Set(queries.map((q) => q.text)).size, queries.length);
  const dataset = report.datasets[0];
  assert.equal(dataset?.rows, queries.length, JSON.stringify(dataset?.examples));
  assert.match(queries[0]?.query_id ?? "", /^bundled:q\d{4}$/);
  assert.ok(queries.every((q) => q.domain !== undefined && q.source_dataset === "bundled"));
});
