import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ioError } from "../errors.js";

// Closes the descriptor of a spill file whose owner was dropped without close(): the file has no
// name, so its space is freed then. Module level because a registry must outlive what it watches.
const orphans = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
});

/**
 * A scratch file for data that outgrew memory, read and written by position. It is unlinked as soon
 * as it is open, so nothing is left behind however the process ends: the space is freed when the file
 * is closed (explicitly, when its owner is garbage collected, or at exit). In the system's temporary
 * directory (`TMPDIR`).
 */
export class SpillFile {
  /** Bytes appended so far. */
  size = 0;
  private open = true;

  private constructor(private readonly fd: number) {
    orphans.register(this, fd, this);
  }

  static create(): SpillFile {
    let dir: string | undefined;
    try {
      dir = mkdtempSync(join(tmpdir(), "personasynth-spill-"));
      const fd = openSync(join(dir, "data"), "w+");
      return new SpillFile(fd);
    } catch (error) {
      throw ioError("create a temporary file", tmpdir(), error);
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  }

  /** Appends bytes at the end; returns where they start. */
  append(bytes: Uint8Array): number {
    const at = this.size;
    try {
      for (let done = 0; done < bytes.length; ) {
        done += writeSync(this.fd, bytes, done, bytes.length - done, at + done);
      }
    } catch (error) {
      throw ioError("write a temporary file", tmpdir(), error);
    }
    this.size += bytes.length;
    return at;
  }

  /** Reads `length` bytes from `position` into the start of `into`. */
  read(into: Uint8Array, length: number, position: number): void {
    for (let done = 0; done < length; ) {
      const n = readSync(this.fd, into, done, length - done, position + done);
      if (n === 0) throw new RangeError(`spill file: read past its end (${position + done} of ${this.size})`);
      done += n;
    }
  }

  /** Frees the file now. */
  close(): void {
    if (!this.open) return;
    this.open = false;
    orphans.unregister(this);
    closeSync(this.fd);
  }
}
