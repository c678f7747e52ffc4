import { mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Creates a directory and its missing parents, one level at a time from the nearest existing
 * ancestor, and throws the first level's own error (an ErrnoException naming it).
 *
 * Not `mkdir(dir, { recursive: true })`: Node's recursive mkdir retries a level for as long as it
 * answers ENOENT, which a pseudo filesystem such as /proc does forever — `--out /proc/x` spun at
 * 100% CPU in one synchronous call that no signal could interrupt.
 */
export function makeDirectory(dir: string): void {
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    const kind = kindOf(at);
    if (kind === "directory") break;
    if (kind === "other") throw notADirectory(at);
    missing.push(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Made meanwhile by another writer (two stores share a parent): fine if it is a directory.
      if (code === "EEXIST" && kindOf(level) === "directory") continue;
      // ENOENT although the parent exists: the filesystem makes no new entries here (/proc, /sys).
      if (code === "ENOENT" && kindOf(dirname(level)) === "directory") throw unsupported(level);
      throw error;
    }
  }
}

function kindOf(path: string): "directory" | "other" | "missing" {
  try {
    return statSync(path).isDirectory() ? "directory" : "other";
  } catch {
    return "missing";
  }
}

function unsupported(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOTSUP: the filesystem does not allow it, mkdir '${path}'`), {
    code: "ENOTSUP",
    path,
  });
}

function notADirectory(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${path}'`), {
    code: "ENOTDIR",
    path,
  });
}
