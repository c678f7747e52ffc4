import { randomBytes } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { ioError, PersonasynthError } from "../errors.js";
import { jsonChunks } from "./json-chunks.js";
import { makeDirectory } from "./make-directory.js";

const FLUSH_BYTES = 1 << 20;

/**
 * A file that appears under its name only when complete: chunks go to a temporary file beside the
 * target; `commit` fsyncs it, renames it over the target and fsyncs the directory; `abort` removes it.
 * Readers therefore see the old content or the whole new one, never a part.
 */
export class AtomicFileWriter {
  // Chunks are encoded straight into one reused buffer: joining them into a string first and
  // encoding that cost twice as much on big exports.
  private readonly buffer = Buffer.allocUnsafe(FLUSH_BYTES);
  private used = 0;

  private constructor(
    readonly path: string,
    private readonly temp: string,
    private readonly handle: Awaited<ReturnType<typeof open>>,
  ) {}

  /** Creates the directory if needed and opens the temporary file. */
  static async open(path: string): Promise<AtomicFileWriter> {
    const dir = dirname(path);
    try {
      makeDirectory(dir);
    } catch (error) {
      throw ioError("create directory", dir, error);
    }
    const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
    try {
      return new AtomicFileWriter(path, temp, await open(temp, "wx"));
    } catch (error) {
      throw ioError("write", path, error);
    }
  }

  /** Appends a chunk (buffered: one write per MiB). */
  async write(chunk: string): Promise<void> {
    const bytes = Buffer.byteLength(chunk);
    if (this.used + bytes > FLUSH_BYTES) await this.flush();
    if (bytes > FLUSH_BYTES) {
      await this.writeBytes(Buffer.from(chunk));
      return;
    }
    this.used += this.buffer.write(chunk, this.used);
  }

  private async flush(): Promise<void> {
    if (this.used === 0) return;
    const used = this.used;
    this.used = 0;
    await this.writeBytes(this.buffer.subarray(0, used));
  }

  private async writeBytes(bytes: Uint8Array): Promise<void> {
    try {
      for (let at = 0; at < bytes.length; ) at += (await this.handle.write(bytes, at)).bytesWritten;
    } catch (error) {
      throw ioError("write", this.path, error);
    }
  }

  /** Makes the content visible under the final name, durably. */
  async commit(): Promise<void> {
    try {
      await this.flush();
      await this.handle.sync();
      await this.handle.close();
      await rename(this.temp, this.path);
    } catch (error) {
      await this.abort();
      throw error instanceof PersonasynthError ? error : ioError("write", this.path, error);
    }
    await syncDirectory(dirname(this.path));
  }

  /** Drops the temporary file; the target is left as it was. */
  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(this.temp, { force: true }).catch(() => undefined);
  }
}

/** Writes a file atomically from a producer of chunks. */
export async function writeFileAtomic(
  path: string,
  produce: (write: (chunk: string) => Promise<void>) => Promise<void>,
): Promise<void> {
  const writer = await AtomicFileWriter.open(path);
  try {
    await produce((chunk) => writer.write(chunk));
  } catch (error) {
    await writer.abort();
    throw error;
  }
  await writer.commit();
}

/** Writes a whole string atomically. */
export function writeTextAtomic(path: string, text: string): Promise<void> {
  return writeFileAtomic(path, (write) => write(text));
}

/** Writes `JSON.stringify(value)` atomically without building the whole text at once. */
export function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  return writeFileAtomic(path, async (write) => {
    for (const chunk of jsonChunks(value)) await write(chunk);
  });
}

/** Makes a rename durable: fsync the directory entry (a no-op where the platform refuses). */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is still atomic there.
  }
}
