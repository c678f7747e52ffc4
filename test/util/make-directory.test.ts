import assert from "node:assert/strict";
import { existsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { makeDirectory } from "../../src/util/make-directory.js";
import { tempDir } from "../helpers/paths.js";

test("makeDirectory creates the missing levels and accepts an existing directory", (t) => {
  const dir = join(tempDir(t), "a", "b", "c");
  makeDirectory(dir);
  assert.ok(statSync(dir).isDirectory());
  makeDirectory(dir);
});

test("makeDirectory under a file fails with ENOTDIR naming the file, creating nothing", (t) => {
  const root = tempDir(t);
  const file = join(root, "a-file");
  writeFileSync(file, "x");
  assert.throws(() => makeDirectory(join(file, "x", "y")), { code: "ENOTDIR", path: file });
});

test("makeDirectory under /proc fails at once with ENOTSUP (Node's recursive mkdir spins there)", {
  skip: !existsSync("/proc/self") && "no /proc",
}, () => {
  assert.throws(() => makeDirectory("/proc/personasynth-x/y"), {
    code: "ENOTSUP",
    path: "/proc/personasynth-x",
  });
});
