import { closeSync, constants, lstatSync, openSync, writeSync } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { ioError, StoreError } from "../errors.js";

/**
 * Opening files inside an output directory without ever following a symbolic link: a link there
 * (a segment, a log, a lock) would make a run cut, append to or overwrite a file elsewhere.
 * O_NOFOLLOW refuses a link as the last component; directories are checked with lstat.
 */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/** Flags to append to a file, creating it, never through a link. */
export const APPEND_NO_FOLLOW = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | NO_FOLLOW;
/** Flags to create or truncate a file for writing, never through a link. */
export const WRITE_NO_FOLLOW = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | NO_FOLLOW;
/** Flags to read a file, never through a link. */
export const READ_NO_FOLLOW = constants.O_RDONLY | NO_FOLLOW;
/** Flags to read and write an existing file, never through a link. */
export const UPDATE_NO_FOLLOW = constants.O_RDWR | NO_FOLLOW;

/** Opens `path` with these flags; a symbolic link is refused with an error naming it. */
export async function openNoFollow(path: string, flags: number, what: string): Promise<FileHandle> {
  try {
    return await open(path, flags, 0o644);
  } catch (error) {
    throw linkError(path, error) ?? ioError(what, path, error);
  }
}

/** Appends `text` and makes it durable (one write, one fdatasync), never through a link. */
export async function appendDurably(path: string, text: string): Promise<void> {
  const handle = await openNoFollow(path, APPEND_NO_FOLLOW, "append to");
  try {
    await handle.write(text);
    await handle.datasync();
  } catch (error) {
    throw ioError("append to", path, error);
  } finally {
    await handle.close();
  }
}

/** `appendFileSync` that never follows a link (no fsync: logs and records flushed again later). */
export function appendSyncNoFollow(path: string, text: string): void {
  let fd: number;
  try {
    fd = openSync(path, APPEND_NO_FOLLOW, 0o644);
  } catch (error) {
    throw linkError(path, error) ?? error;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/** Throws when `path` exists and is a symbolic link (missing is fine: it is created as a real entry). */
export function refuseLink(path: string): void {
  let link = false;
  try {
    link = lstatSync(path).isSymbolicLink();
  } catch {
    return;
  }
  if (link) throw symlinkRefused(path);
}

/** The error for a symbolic link met inside the output tree. */
export function symlinkRefused(path: string): StoreError {
  return new StoreError(
    "is a symbolic link; personasynth does not follow links inside its output directory",
    {
      code: "IO",
      where: path,
      hint: "replace it with a real file or directory, or choose another --out",
    },
  );
}

/** ELOOP from an O_NOFOLLOW open is a link: the refusal, else undefined. */
export function linkError(path: string, error: unknown): StoreError | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code === "ELOOP" ? symlinkRefused(path) : undefined;
}
