import { fileURLToPath } from "node:url";

/**
 * Absolute path of a bundled file in the package's `data/` folder. This module sits two levels below
 * the package root both as source (src/util) and as build output (dist/util).
 */
export function dataPath(...parts: string[]): string {
  return fileURLToPath(new URL(`../../data/${parts.join("/")}`, import.meta.url));
}
