import { open } from "node:fs/promises";
import { ioError } from "../errors.js";

const CHUNK_BYTES = 1 << 20;

/**
 * Streams a file's bytes in chunks of 1 MiB. A read failure (missing file, a directory,
 * permissions) becomes a StoreError naming the path; stopping early closes the file.
 *
 * With `reuse`, every chunk is read into the same buffer and is valid only until the next one is
 * asked for. A fresh buffer per read is freed only by a garbage collection, which V8 starts after
 * tens of MB of them: reading a large store that way held 35 MB of dead chunks.
 */
export async function* readFileChunks(
  path: string,
  options: { reuse?: boolean } = {},
): AsyncGenerator<Buffer> {
  const handle = await openForReading(path);
  try {
    let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null));
      } catch (error) {
        throw ioError("read", path, error);
      }
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
      if (!options.reuse) buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    }
  } finally {
    await handle.close();
  }
}

/** The first `length` bytes of a file (fewer when it is shorter), for sniffing its format. */
export async function readFileHead(path: string, length: number): Promise<Buffer> {
  const handle = await openForReading(path);
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } catch (error) {
    throw ioError("read", path, error);
  } finally {
    await handle.close();
  }
}

/** Opens a file to read; a failure (missing, permissions) is an IO error naming the path. */
async function openForReading(path: string): Promise<Awaited<ReturnType<typeof open>>> {
  try {
    return await open(path, "r");
  } catch (error) {
    throw ioError("read", path, error);
  }
}
