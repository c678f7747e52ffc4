import { createHash, hash as hashOnce } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";

// One-shot `crypto.hash` rather than a Hash object per call: half the time (every call's cache key goes
// through here).

/** Hex SHA-256 of a string (UTF-8). */
export function sha256Hex(text: string): string {
  return hashOnce("sha256", text, "hex");
}

/** Hex SHA-1 of a string (UTF-8); used only where a short, conventional content id is wanted. */
export function sha1Hex(text: string): string {
  return hashOnce("sha1", text, "hex");
}

/**
 * JSON with object keys sorted at every depth, so that equal values always give the same string.
 * The basis of every content-derived id and cache key.
 */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** A stable id: `prefix_` + the first `length` hex chars of SHA-256 of the canonical value. */
export function contentId(prefix: string, value: unknown, length = 16): string {
  const text = typeof value === "string" ? value : stableStringify(value);
  return idString(prefix, sha256Hex(text).slice(0, length));
}

/**
 * `prefix_suffix` (ASCII) as one flat string. A plain concatenation is a cons string over a slice of
 * the whole 64-character digest, about 100 bytes more per id; a run keeps every item's ids alive.
 */
export function idString(prefix: string, suffix: string): string {
  return Buffer.from(`${prefix}_${suffix}`, "latin1").toString("latin1");
}

/** Maps a string to a number in [0, 1) by hashing: stable across runs, machines and Node versions. */
export function unitInterval(text: string): number {
  const hex = sha256Hex(text).slice(0, 13); // 52 bits: exactly representable in a double
  return Number.parseInt(hex, 16) / 2 ** 52;
}

/** Hex SHA-256 of a file's content, read in 1 MiB chunks (never whole in memory). */
export function fileSha256(path: string): string {
  const hash = createHash("sha256");
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}
