import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { applyCodePointEdits } from "../../src/noise/edits.js";
import { ROOT } from "../helpers/paths.js";
import { noiseRecords, offlineDistractor, STYLED_QUERIES } from "./distractor-helpers.js";

// Records store edit positions by code point: emoji and other astral characters before an edit are
// where UTF-16 offsets (what JavaScript indexes by) and code points part ways.
const ASTRAL = ["🎉 ", "😅 ", "𝒳 ", "🇵🇹 "];
const TEXTS = STYLED_QUERIES.slice(0, 600).map((q, i) => ({
  ...q,
  text: i % 2 === 0 ? `${ASTRAL[i % ASTRAL.length]}${q.text}` : q.text.replace(" ", ` ${ASTRAL[i % 4]}`),
}));

async function editedRecords(): Promise<Array<{ clean: string; noisy: string; edits: unknown[] }>> {
  const out: Array<{ clean: string; noisy: string; edits: unknown[] }> = [];
  for (const semantic of [true, false]) {
    const distractor = offlineDistractor({
      distractor: { activation_probability: 1, use_semantic: semantic },
    });
    for (const { clean, v } of await noiseRecords(distractor, 1200, TEXTS))
      if (v.edits && v.edits.length > 0) out.push({ clean, noisy: v.noisy_text, edits: v.edits });
  }
  return out;
}

/** Replays by code point, independently of the code under test. */
function replay(clean: string, edits: Array<{ position: number; before: string; after: string }>): string {
  let points = [...clean];
  for (const e of edits) {
    assert.equal(points.slice(e.position, e.position + [...e.before].length).join(""), e.before);
    points = [...points.slice(0, e.position), ...e.after, ...points.slice(e.position + [...e.before].length)];
  }
  return points.join("");
}

test("every record's edits replay from the clean text by code point, in Node and in Python", async (t) => {
  const records = await editedRecords();
  assert.ok(records.length >= 1500, `${records.length} records with edits`);
  // The test can fail: many records have an astral character before an edit.
  const astralBefore = records.filter((r) =>
    (r.edits as Array<{ position: number }>).some(
      (e) => [...r.clean].slice(0, e.position).join("").length !== e.position,
    ),
  ).length;
  assert.ok(astralBefore >= 300, `${astralBefore} records where code points and UTF-16 differ`);
  for (const r of records) {
    const edits = r.edits as Array<{ position: number; before: string; after: string; strategy: string }>;
    assert.equal(replay(r.clean, edits), r.noisy);
    assert.equal(applyCodePointEdits(r.clean, edits), r.noisy);
  }
  if (spawnSync("python3", ["--version"]).status !== 0) {
    t.diagnostic("python3 not found: the Python replay was not run");
    return;
  }
  const input = records.map((r) => JSON.stringify(r)).join("\n");
  const out = execFileSync("python3", [join(ROOT, "examples/replay_edits.py")], { input, encoding: "utf8" });
  assert.equal(out.trim(), `${records.length} records replayed, 0 mismatches`);
  // And it does fail on a record that does not replay.
  const broken = { ...records[0]!, noisy: `${records[0]!.noisy}!` };
  const bad = spawnSync("python3", [join(ROOT, "examples/replay_edits.py")], {
    input: JSON.stringify(broken),
    encoding: "utf8",
  });
  assert.equal(bad.status, 1);
  assert.equal(bad.stdout.trim(), "1 records replayed, 1 mismatches");
});
