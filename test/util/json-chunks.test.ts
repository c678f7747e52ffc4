import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { writeJsonAtomic } from "../../src/util/atomic-write.js";
import { jsonChunks } from "../../src/util/json-chunks.js";

const items = Array.from({ length: 1300 }, (_, i) => ({
  index: i,
  id: `item_${i}`,
  text: `caf\u00e9 "${i}" \u2014 \ud83d\ude00`,
  skipped: undefined,
}));

const values: unknown[] = [
  { plan_id: "p", items, personas: [], warnings: ["a"], nested: { list: [1, 2] }, gone: undefined },
  { only: Array.from({ length: 512 }, (_, i) => i) },
  { sparse: [1, undefined, () => 0, null], when: new Date(0), fn: () => 1 },
  [1, 2, 3],
  "text",
  null,
  {},
];

test("the chunks join to exactly JSON.stringify of the value", () => {
  for (const value of values) assert.equal([...jsonChunks(value)].join(""), JSON.stringify(value));
});

test("a long array under the top level comes in slices, not one string", () => {
  const chunks = [...jsonChunks({ items })];
  assert.ok(chunks.length >= 4, `${chunks.length} chunks`);
  const longest = Math.max(...chunks.map((c) => c.length));
  assert.ok(longest < JSON.stringify(items).length / 2, `longest chunk ${longest} chars`);
});

test("writeJsonAtomic writes the same bytes as JSON.stringify and leaves no temporary file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "json-chunks-"));
  const path = join(dir, "plan.json");
  await writeJsonAtomic(path, values[0]);
  assert.equal(readFileSync(path, "utf8"), JSON.stringify(values[0]));
  assert.deepEqual(readdirSync(dir), ["plan.json"]);
});
