import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { writeYamlSnapshots } from "../../scripts/yaml-snapshots.mjs";
import { snapshotName, snapshotSource } from "../../src/config/yaml-snapshot.js";
import { parseYamlSource } from "../../src/config/yaml-source.js";
import { ROOT, tempDir } from "../helpers/paths.js";

const dataFiles = readdirSync(join(ROOT, "data"))
  .filter((name) => name.endsWith(".yaml"))
  .map((name) => join(ROOT, "data", name));

test("the build snapshots every bundled YAML data file; a snapshot gives the value the YAML parses to", (t) => {
  const dir = tempDir(t);
  const written = writeYamlSnapshots(parseYamlSource, join(ROOT, "data"), dir);
  assert.equal(written.length, dataFiles.length);
  for (const file of dataFiles) {
    const text = readFileSync(file, "utf8");
    assert.ok(written.includes(snapshotName(text)), file);
    const parse = () => parseYamlSource(text, file);
    const fromSnapshot = snapshotSource(text, file, parse, dir);
    assert.ok(fromSnapshot, `${file} has a snapshot`);
    assert.deepEqual(fromSnapshot.value, parse().value);
  }
});

test("a snapshot is found by the file's text (an edited file parses its YAML); positions come from the YAML", (t) => {
  const dir = tempDir(t);
  writeYamlSnapshots(parseYamlSource, join(ROOT, "data"), dir);
  const file = join(ROOT, "data", "persona_bank.yaml");
  const text = readFileSync(file, "utf8");
  let parses = 0;
  const parse = () => {
    parses++;
    return parseYamlSource(text, file);
  };
  assert.equal(snapshotSource(`${text}\n# edited\n`, file, parse, dir), undefined);
  const source = snapshotSource(text, file, parse, dir);
  assert.ok(source);
  assert.equal(parses, 0, "the value alone needs no YAML parse");
  const key = Object.keys(source.value as Record<string, unknown>)[0] as string;
  assert.deepEqual(source.locate([key]), parseYamlSource(text, file).locate([key]));
  assert.deepEqual(source.locateKey([], key), parseYamlSource(text, file).locateKey([], key));
  assert.equal(parses, 1, "positions parse the YAML once");
});
