import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { ioError } from "../errors.js";

/**
 * Streams a file's bytes in chunks of 1 MiB. A read failure (missing file, a directory,
 * permissions) becomes a StoreError naming the path; stopping early closes the file.
 */
export async function* readFileChunks(path: string): AsyncGenerator<Buffer> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await iterator.next();
      } catch (error) {
        throw ioError("read", path, error);
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    stream.destroy();
  }
}

/** The first `length` bytes of a file (fewer when it is shorter), for sniffing its format. */
export async function readFileHead(path: string, length: number): Promise<Buffer> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw ioError("read", path, error);
  }
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
