import { fileURLToPath } from "node:url";
import type { SeedSource } from "./load-dataset.js";

/**
 * The absolute path of the project's own seed query bank, `data/seed_queries.jsonl`. Resolved from
 * this module's URL: `src/query/` (under tsx) and `dist/query/` (after `tsc`) are both two levels
 * below the package root, and `data/` ships in the npm package.
 */
export function bundledSeedQueriesPath(): string {
  return fileURLToPath(new URL("../../data/seed_queries.jsonl", import.meta.url));
}

/** The bundled bank as a dataset; its ids are `bundled:<row id>` (e.g. `bundled:q0001`). */
export function bundledSeedSource(): SeedSource {
  return { path: bundledSeedQueriesPath(), name: "bundled", format: "jsonl" };
}
