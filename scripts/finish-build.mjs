#!/usr/bin/env node
// After tsc: copy what tsc does not emit — the report page's stylesheet and script, which the report
// module reads from ./assets beside itself at run time — write the bundled YAML data files' parsed
// values (yaml-snapshots.mjs), bundle the CLI (bundle-cli.mjs) in place of tsc's dist/cli/, and make
// it executable.
// Usage: node scripts/finish-build.mjs [DIST_DIR] (default: dist of the package).
import { chmodSync, cpSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleCli } from "./bundle-cli.mjs";
import { snapshotBundledData } from "./yaml-snapshots.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = resolve(process.argv[2] ?? join(root, "dist"));
const assets = join(root, "src", "report", "assets");

/** Copies the report page's script and stylesheet into `dir`. */
function copyAssets(dir) {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(assets)) {
    if (name.endsWith(".js") || name.endsWith(".css")) cpSync(join(assets, name), join(dir, name));
  }
}

copyAssets(join(dist, "report", "assets"));
await snapshotBundledData(root, dist);
// Bundled from tsc's output (the same JavaScript the library ships), written beside dist/cli and
// swapped in: the CLI's own modules are all in the bundle, and no other module imports cli/.
const bundled = join(dist, ".cli-bundle");
rmSync(bundled, { recursive: true, force: true });
await bundleCli(dist, bundled);
// The bundle's report module reads ./assets beside its chunk.
copyAssets(join(bundled, "assets"));
rmSync(join(dist, "cli"), { recursive: true, force: true });
renameSync(bundled, join(dist, "cli"));
chmodSync(join(dist, "cli", "main.js"), 0o755);
