// `npm run bench -- <name> [args]`: runs bench/<name>.ts, which prints its figures and ratios.
// Benchmarks hold the speed and memory targets; unit tests never time anything.
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { machine } from "./_cli-run.js";

const here = dirname(fileURLToPath(import.meta.url));
const name = process.argv[2];
const available = readdirSync(here)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts" && !f.startsWith("_"))
  .map((f) => f.slice(0, -3));
if (!name || !existsSync(join(here, `${name}.ts`))) {
  console.error(`usage: npm run bench -- <name>\navailable: ${available.join(", ") || "(none)"}`);
  process.exit(2);
}
process.argv.splice(2, 1);
console.log(machine()); // every figure below is this machine's
await import(pathToFileURL(join(here, `${name}.ts`)).href);
