import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { PersonasynthError } from "../../src/errors.js";
import { type JsonlLine, readJsonlLines } from "../../src/util/jsonl-reader.js";

const dir = mkdtempSync(join(tmpdir(), "jsonl-reader-"));

async function read(content: string | Buffer): Promise<JsonlLine[]> {
  const path = join(dir, `f${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(path, content);
  const out: JsonlLine[] = [];
  for await (const line of readJsonlLines(path)) out.push(line);
  return out;
}

test("lines keep their numbers; blank lines are skipped; CRLF ends a line", async () => {
  assert.deepEqual(await read('{"a":1}\r\n\n  \n{"b":2}\n'), [
    { text: '{"a":1}', line: 1, unterminated: false },
    { text: '{"b":2}', line: 4, unterminated: false },
  ]);
});

test("a final line without a newline is flagged as unterminated", async () => {
  assert.deepEqual(await read('{"a":1}\n{"b":'), [
    { text: '{"a":1}', line: 1, unterminated: false },
    { text: '{"b":', line: 2, unterminated: true },
  ]);
  assert.deepEqual(await read("only"), [{ text: "only", line: 1, unterminated: true }]);
  assert.deepEqual(await read(""), []);
  assert.deepEqual(await read("\n\n"), []);
});

test("lines and multi-byte characters that straddle read chunks arrive whole", async () => {
  // 3 MiB of lines of varied length full of 2-, 3- and 4-byte characters: chunk boundaries (1 MiB)
  // fall inside lines and inside characters.
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < 3 * 1024 * 1024; i++) {
    const line = JSON.stringify({ i, text: "é€😀x".repeat(1 + (i % 997)) });
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  // One line longer than a chunk.
  lines.splice(7, 0, JSON.stringify({ long: "ü".repeat(1_500_000) }));
  const got = await read(`${lines.join("\n")}\n`);
  assert.equal(got.length, lines.length);
  for (let i = 0; i < lines.length; i++) {
    assert.equal(got[i]?.text, lines[i]);
    assert.equal(got[i]?.line, i + 1);
    assert.equal(got[i]?.unterminated, false);
  }
});

test("a missing file is an IO error naming it", async () => {
  const path = join(dir, "absent.jsonl");
  await assert.rejects(
    async () => {
      for await (const _ of readJsonlLines(path)) assert.fail("no line expected");
    },
    (error: unknown) => error instanceof PersonasynthError && error.describe().includes(path),
  );
});
