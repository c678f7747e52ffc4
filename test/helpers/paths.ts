import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * The original tool's files, read in place (never copied into the project): `../shared/upstream-inputs/`
 * beside the checkout, or the workplace's shared folder when the checkout lives elsewhere (a clone in
 * /tmp), or PERSONASYNTH_UPSTREAM_DIR.
 */
export const UPSTREAM = ((): string => {
  const candidates = [
    process.env.PERSONASYNTH_UPSTREAM_DIR,
    join(ROOT, "..", "shared", "upstream-inputs"),
    "/work/shared/upstream-inputs",
  ].filter((c): c is string => typeof c === "string" && c !== "");
  const found = candidates.find((c) => existsSync(join(c, "persona.yaml"))) ?? (candidates[1] as string);
  return found.endsWith("/") ? found : `${found}/`;
})();

/** A fresh temporary directory, removed when `t` ends. */
export function tempDir(t: { after(fn: () => void): void }, prefix = "personasynth-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
