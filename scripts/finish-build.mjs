#!/usr/bin/env node
// After tsc: copy what tsc does not emit — the report page's stylesheet and script, which the report
// module reads from ./assets beside itself at run time — and make the CLI executable.
// Usage: node scripts/finish-build.mjs [DIST_DIR] (default: dist of the package).
import { chmodSync, cpSync, mkdirSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = resolve(process.argv[2] ?? join(root, "dist"));
const assets = join(root, "src", "report", "assets");

mkdirSync(join(dist, "report", "assets"), { recursive: true });
for (const name of readdirSync(assets)) {
  if (name.endsWith(".js") || name.endsWith(".css"))
    cpSync(join(assets, name), join(dist, "report", "assets", name));
}
chmodSync(join(dist, "cli", "main.js"), 0o755);
