// `npm run bench -- quality`: the data-quality tables of the issues that own them. Every module in
// bench/quality/ (sorted by name) exports `run()`, which measures its fixed runs and prints lines
// `measure | today | target | ok`. Shared: each issue owns its own module.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const dir = join(dirname(fileURLToPath(import.meta.url)), "quality");
const modules = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && !f.startsWith("_"))
  .sort();
const only = process.argv[2];
let failed = 0;
for (const file of modules) {
  if (only && !file.startsWith(only)) continue;
  console.log(`\n## ${file.slice(0, -3)}\n`);
  const module = (await import(pathToFileURL(join(dir, file)).href)) as { run: () => Promise<unknown> };
  const missed = await module.run();
  if (typeof missed === "number") failed += missed;
}
console.log(failed === 0 ? "\nevery measure meets its target" : `\n${failed} measures miss their target`);
