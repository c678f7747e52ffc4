import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { sha256Hex } from "../../src/util/hash.js";
import { ROOT, tempDir } from "../helpers/paths.js";

test("the build copies the report page's script and stylesheet beside the compiled report module and the bundled CLI, and snapshots the bundled YAML", (t) => {
  const dist = tempDir(t);
  // tsc's output, as far as the bundle needs it: the CLI entry and the offline worker.
  mkdirSync(join(dist, "cli"));
  mkdirSync(join(dist, "pipeline"));
  writeFileSync(join(dist, "cli", "main.js"), '#!/usr/bin/env node\nimport("./run-cli.js");\n');
  writeFileSync(join(dist, "cli", "run-cli.js"), "export {};\n");
  writeFileSync(join(dist, "pipeline", "offline-worker.js"), "export {};\n");
  // The YAML parser the snapshots of data/*.yaml are made with (a stub: the file's length).
  mkdirSync(join(dist, "config"));
  writeFileSync(
    join(dist, "config", "yaml-source.js"),
    "export const parseYamlSource = (text) => ({ value: { length: text.length } });\n",
  );
  execFileSync(process.execPath, [join(ROOT, "scripts", "finish-build.mjs"), dist]);
  const yamlFiles = readdirSync(join(ROOT, "data")).filter((name) => name.endsWith(".yaml"));
  assert.deepEqual(
    readdirSync(join(dist, "yaml-snapshots")).sort(),
    yamlFiles.map((name) => `${sha256Hex(readFileSync(join(ROOT, "data", name), "utf8"))}.json`).sort(),
  );
  const assets = join(ROOT, "src", "report", "assets");
  // dist/report/assets for the library's report module, dist/cli/assets for the bundle's.
  for (const dir of [join(dist, "report", "assets"), join(dist, "cli", "assets")]) {
    assert.deepEqual(readdirSync(dir).sort(), ["viewer.css", "viewer.js"]);
    for (const name of ["viewer.css", "viewer.js"])
      assert.equal(readFileSync(join(dir, name), "utf8"), readFileSync(join(assets, name), "utf8"));
  }
  // dist/cli is the bundle alone: tsc's modules of the CLI are in it, not beside it.
  const cli = readdirSync(join(dist, "cli"));
  assert.ok(cli.includes("main.js") && cli.includes("offline-worker.js"));
  assert.ok(!cli.includes("run-cli.js"), "the CLI's modules are bundled (run-cli.js is in a chunk)");
  assert.ok(readFileSync(join(dist, "cli", "main.js"), "utf8").startsWith("#!/usr/bin/env node\n"));
  assert.equal(statSync(join(dist, "cli", "main.js")).mode & 0o777, 0o755);
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    files: string[];
    scripts: Record<string, string>;
  };
  assert.ok(pkg.files.includes("dist"), "the package ships dist/ (and with it dist/report/assets)");
  assert.match(pkg.scripts.build ?? "", /tsc -p tsconfig\.build\.json && node scripts\/finish-build\.mjs$/);
});
