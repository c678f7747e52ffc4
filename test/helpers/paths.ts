import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The original tool's files, read in place (never copied into the project). */
export const UPSTREAM = fileURLToPath(new URL("../../../shared/upstream-inputs/", import.meta.url));

/** The project root. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A fresh temporary directory, removed when `t` ends. */
export function tempDir(t: { after(fn: () => void): void }, prefix = "personasynth-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
