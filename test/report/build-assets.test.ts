import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT, tempDir } from "../helpers/paths.js";

test("the build copies the report page's script and stylesheet beside the compiled report module", (t) => {
  const dist = tempDir(t);
  mkdirSync(join(dist, "cli"));
  writeFileSync(join(dist, "cli", "main.js"), "#!/usr/bin/env node\n");
  execFileSync(process.execPath, [join(ROOT, "scripts", "finish-build.mjs"), dist]);
  const assets = join(ROOT, "src", "report", "assets");
  assert.deepEqual(readdirSync(join(dist, "report", "assets")).sort(), ["viewer.css", "viewer.js"]);
  for (const name of ["viewer.css", "viewer.js"])
    assert.equal(
      readFileSync(join(dist, "report", "assets", name), "utf8"),
      readFileSync(join(assets, name), "utf8"),
    );
  assert.equal(statSync(join(dist, "cli", "main.js")).mode & 0o777, 0o755);
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    files: string[];
    scripts: Record<string, string>;
  };
  assert.ok(pkg.files.includes("dist"), "the package ships dist/ (and with it dist/report/assets)");
  assert.match(pkg.scripts.build ?? "", /tsc -p tsconfig\.build\.json && node scripts\/finish-build\.mjs$/);
});
