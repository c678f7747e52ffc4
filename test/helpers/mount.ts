import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Mounts a fresh tmpfs of `kib` KiB for the rest of test `t` and returns where; undefined when this
 * machine does not allow mounting (not root, no privilege), so the test can skip saying why. A real
 * small filesystem is the only faithful way to see a disk fill up or refuse writes.
 */
export function mountTmpfs(t: { after(fn: () => void): void }, kib: number): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), "personasynth-mount-"));
  const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${kib}k`, "tmpfs", dir]).status === 0;
  t.after(() => {
    if (mounted) spawnSync("umount", ["-l", dir]);
    rmSync(dir, { recursive: true, force: true });
  });
  return mounted ? dir : undefined;
}

/** Makes a tmpfs mounted by {@link mountTmpfs} read-only. */
export function remountReadOnly(dir: string): void {
  const result = spawnSync("mount", ["-o", "remount,ro", dir], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`remount ro ${dir}: ${result.stderr}`);
}

/** Resizes a tmpfs mounted by {@link mountTmpfs} (the disk has room again). */
export function growTmpfs(dir: string, kib: number): void {
  const result = spawnSync("mount", ["-o", `remount,size=${kib}k`, dir], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`remount ${dir}: ${result.stderr}`);
}

/** Whether this process may mount filesystems (root on Linux). */
export const CAN_MOUNT = process.platform === "linux" && process.getuid?.() === 0;
