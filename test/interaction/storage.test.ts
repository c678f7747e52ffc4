import assert from "node:assert/strict";
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { StoreError } from "../../src/errors.js";
import type { LibraryEvent } from "../../src/events.js";
import { InteractionStorage } from "../../src/interaction/storage.js";
import { REDACTED, Redactor } from "../../src/util/redact.js";
import { makeInteraction } from "../helpers/interactions.js";
import { tempDir } from "../helpers/paths.js";

/** A store closed when the test ends (an open segment would otherwise be closed by the GC). */
function openStore(
  t: { after(fn: () => Promise<void>): void },
  dir: string,
  options?: ConstructorParameters<typeof InteractionStorage>[1],
): InteractionStorage {
  const storage = new InteractionStorage(dir, options);
  t.after(() => storage.close());
  return storage;
}

test("iterate(mask) masks records that hold a secret, written as it is or behind JSON escapes", async (t) => {
  const dir = tempDir(t);
  const storage = openStore(t, dir);
  await storage.save(makeInteraction(0));
  await storage.flush();
  // Records another tool wrote: the key in a value as it is, and behind a \u escape in a key.
  const segment = join(dir, readdirSync(dir).find((f) => f.endsWith(".jsonl")) as string);
  appendFileSync(
    segment,
    `${JSON.stringify({ interaction_id: "interaction_plain", note: "key sk-abc123456789" })}\n` +
      '{"interaction_id":"interaction_escaped","by_model":{"m-\\u0073k-abc123456789":1}}\n',
  );
  const reader = openStore(t, dir);
  const masked = [];
  for await (const record of reader.iterate(new Redactor(["sk-abc123456789"]))) masked.push(record);
  assert.equal(masked.length, 3);
  assert.deepEqual(masked[0], (await reader.loadAll())[0], "a clean record passes through as parsed");
  assert.equal(masked[1]?.note, `key ${REDACTED}`);
  assert.deepEqual(masked[2]?.by_model, { [`m-${REDACTED}`]: 1 });
  assert.ok(!JSON.stringify(masked).includes("sk-abc123456789"));
});

test("save, load(id), loadAll and the async iterator see the same records in save order", async (t) => {
  const dir = tempDir(t);
  const storage = openStore(t, dir);
  for (let i = 0; i < 5; i++) await storage.save(makeInteraction(i));
  assert.equal((await storage.loadAll()).length, 5);
  assert.deepEqual(
    (await storage.load("interaction_0000000000000003"))?.initial_query,
    "hey can u help me with task 3",
  );
  assert.equal(await storage.load("interaction_missing"), undefined);
  const ids: string[] = [];
  for await (const record of storage) ids.push(record.interaction_id as string);
  assert.deepEqual(
    ids,
    [0, 1, 2, 3, 4].map((i) => `interaction_${i.toString(16).padStart(16, "0")}`),
  );
  // A fresh instance reads what an earlier one wrote.
  assert.equal((await openStore(t, dir).loadAll()).length, 5);
});

test("saving an id twice keeps one record, across instances too", async (t) => {
  const dir = tempDir(t);
  const storage = openStore(t, dir);
  await storage.save(makeInteraction(1));
  await storage.save({ ...makeInteraction(1), initial_query: "changed" });
  await openStore(t, dir).save(makeInteraction(1));
  const all = await openStore(t, dir).loadAll();
  assert.equal(all.length, 1);
  assert.equal(all[0]?.initial_query, "hey can u help me with task 1");
  assert.equal(readFileSync(join(dir, "interactions-000001.jsonl"), "utf8").trimEnd().split("\n").length, 1);
});

test("concurrent saves are group-committed and all land exactly once", async (t) => {
  const dir = tempDir(t);
  const storage = openStore(t, dir);
  await Promise.all(Array.from({ length: 500 }, (_, i) => storage.save(makeInteraction(i % 400))));
  await storage.flush();
  const all = await storage.loadAll();
  assert.equal(all.length, 400);
  assert.equal(new Set(all.map((r) => r.interaction_id)).size, 400);
});

test("a torn last line is skipped with a warning on read, and moved to quarantine before the next append", async (t) => {
  const dir = tempDir(t);
  const events: LibraryEvent[] = [];
  const first = openStore(t, dir, { events: (e) => events.push(e) });
  await first.save(makeInteraction(1));
  await first.save(makeInteraction(2));
  const segment = join(dir, "interactions-000001.jsonl");
  appendFileSync(segment, '{"interaction_id":"interaction_torn","persona_id":"p","mess');
  const reader = openStore(t, dir, { events: (e) => events.push(e) });
  assert.equal((await reader.loadAll()).length, 2);
  assert.ok(events.some((e) => e.type === "warning" && /torn/.test(e.message) && e.where?.endsWith(":3")));

  const writer = openStore(t, dir, { events: (e) => events.push(e) });
  await writer.save(makeInteraction(3));
  const lines = readFileSync(segment, "utf8").trimEnd().split("\n");
  assert.equal(lines.length, 3);
  for (const line of lines) JSON.parse(line);
  assert.ok(events.some((e) => e.type === "warning" && /moved a torn last line/.test(e.message)));
  const quarantined = JSON.parse(readFileSync(join(dir, "quarantine.jsonl"), "utf8")) as Record<
    string,
    unknown
  >;
  assert.deepEqual(quarantined, {
    file: "interactions-000001.jsonl",
    line: 3,
    reason: "torn last line (an interrupted write)",
    record: '{"interaction_id":"interaction_torn","persona_id":"p","mess',
  });
});

test("a complete last record without its newline is kept: the newline is added before the next append", async (t) => {
  const dir = tempDir(t);
  const first = openStore(t, dir);
  await first.save(makeInteraction(1));
  await first.close();
  const segment = join(dir, "interactions-000001.jsonl");
  writeFileSync(segment, readFileSync(segment, "utf8").trimEnd());
  assert.equal((await openStore(t, dir).loadAll()).length, 1, "read as a record");
  const writer = openStore(t, dir);
  await writer.save(makeInteraction(2));
  assert.deepEqual(
    (await openStore(t, dir).loadAll()).map((r) => r.interaction_id),
    [makeInteraction(1).interaction_id, makeInteraction(2).interaction_id],
  );
});

test("validate: invalid records are listed, stay stored until quarantined, then can be saved again", async (t) => {
  const dir = tempDir(t);
  const validate = (r: Record<string, unknown>) =>
    typeof r.initial_query === "string" ? undefined : "no query";
  const store = openStore(t, dir, { validate });
  await store.save(makeInteraction(1));
  const bad = { ...makeInteraction(2), initial_query: 7 };
  await store.save(bad);
  await store.close();
  const again = openStore(t, dir, { validate });
  assert.deepEqual([...(await again.invalidRecords())], [[bad.interaction_id, "no query"]]);
  assert.equal(await again.has(bad.interaction_id), true, "still stored");
  assert.equal(await again.quarantine([bad.interaction_id]), 1);
  assert.equal(await again.has(bad.interaction_id), false);
  await again.save(makeInteraction(2));
  assert.equal((await openStore(t, dir).loadAll()).length, 2);
  const quarantined = readFileSync(join(dir, "quarantine.jsonl"), "utf8").trim().split("\n");
  assert.equal(quarantined.length, 1);
  assert.equal((JSON.parse(quarantined[0] as string) as { reason: string }).reason, "no query");
});

test("a non-JSON line in the middle of a segment is an error naming file and line", async (t) => {
  const dir = tempDir(t);
  const storage = openStore(t, dir);
  await storage.save(makeInteraction(1));
  const segment = join(dir, "interactions-000001.jsonl");
  appendFileSync(segment, "this is not json\n");
  appendFileSync(segment, `${JSON.stringify(makeInteraction(2))}\n`);
  await assert.rejects(
    openStore(t, dir).loadAll(),
    (e: unknown) => e instanceof StoreError && e.where === `${segment}:2` && /not valid JSON/.test(e.message),
  );
});

test("segments rotate at the size limit and are read in order", async (t) => {
  const dir = tempDir(t);
  const storage = openStore(t, dir, { segmentBytes: 2000 });
  for (let i = 0; i < 30; i++) await storage.save(makeInteraction(i));
  const files = readdirSync(dir).sort();
  assert.ok(files.length > 3, files.join(","));
  const ids = (await openStore(t, dir).loadAll()).map((r) => r.interaction_id);
  assert.deepEqual(
    ids,
    Array.from({ length: 30 }, (_, i) => `interaction_${i.toString(16).padStart(16, "0")}`),
  );
});

test("a store path that cannot be created is an IO error naming it", async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, "file"), "x");
  const storage = openStore(t, join(dir, "file", "store"));
  await assert.rejects(
    storage.save(makeInteraction(1)),
    (e: unknown) => e instanceof StoreError && e.code === "IO" && /file\/store/.test(e.where ?? ""),
  );
});

test("a record without an id is refused", async (t) => {
  const storage = openStore(t, tempDir(t));
  await assert.rejects(storage.save({ persona_id: "p" }), /interaction_id/);
});

test("an empty or absent store reads as empty", async (t) => {
  assert.deepEqual(await openStore(t, join(tempDir(t), "absent")).loadAll(), []);
});

test("after close, the same store still knows its ids: a stored id is not appended twice", async (t) => {
  const dir = tempDir(t);
  const storage = openStore(t, dir);
  await storage.saveAll([0, 1, 2].map((i) => makeInteraction(i)));
  await storage.close();
  // Something else appends to the segment while this store is closed.
  const other = new InteractionStorage(dir);
  await other.save(makeInteraction(3));
  await other.close();
  assert.equal(await storage.has("interaction_0000000000000003"), true);
  await storage.save(makeInteraction(1));
  await storage.save(makeInteraction(3));
  await storage.save(makeInteraction(4));
  await storage.close();
  const lines = readdirSync(dir).flatMap((f) => readFileSync(join(dir, f), "utf8").trimEnd().split("\n"));
  assert.equal(lines.length, 5);
  assert.equal((await storage.loadAll()).length, 5);
});

test("reading yields each id once, the first copy, for made and imported ids alike", async (t) => {
  // Two writers that raced (or a copied segment) leave an id twice on disk: readers see the first.
  const dir = tempDir(t);
  const line = (record: Record<string, unknown>) => `${JSON.stringify(record)}\n`;
  const made = makeInteraction(1);
  const imported = { ...makeInteraction(2), interaction_id: "sample_0042" };
  writeFileSync(join(dir, "interactions-000001.jsonl"), line(made) + line(imported));
  writeFileSync(
    join(dir, "interactions-000002.jsonl"),
    line({ ...made, initial_query: "second copy" }) +
      line({ ...imported, initial_query: "second copy" }) +
      line(makeInteraction(3)),
  );
  const all = await openStore(t, dir).loadAll();
  assert.deepEqual(
    all.map((r) => [r.interaction_id, r.initial_query]),
    [
      [made.interaction_id, made.initial_query],
      ["sample_0042", imported.initial_query],
      [makeInteraction(3).interaction_id, makeInteraction(3).initial_query],
    ],
  );
});
