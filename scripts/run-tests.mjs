#!/usr/bin/env node
// Runs the test suite with node:test through tsx. Node 20 does not discover .ts test files itself,
// so this script lists them explicitly (test/**/*.test.ts, or the files/folders given as arguments)
// and refuses to run an empty list: a suite that runs nothing must fail, not pass.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

function collect(path) {
  if (statSync(path).isDirectory()) {
    return readdirSync(path)
      .filter((name) => name !== "node_modules" && !name.startsWith("."))
      .flatMap((name) => collect(join(path, name)));
  }
  return path.endsWith(".test.ts") ? [path] : [];
}

const args = process.argv.slice(2);
const roots = args.length > 0 ? args : ["test"];
const files = roots
  .flatMap(collect)
  .map((f) => relative(process.cwd(), f))
  .sort();
if (files.length === 0) {
  console.error(`run-tests: no test files found under ${roots.join(", ")}`);
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=2", "--test-reporter=spec", ...files],
  { stdio: "inherit" },
);
process.exit(result.status ?? 1);
