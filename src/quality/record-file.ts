import { SpillFile } from "./spill-file.js";

/** Records kept in memory before they go to the file (256 KB). */
const DEFAULT_TAIL_BYTES = 1 << 18;

/**
 * Fixed-size records appended one by one and read back by number: the newest in memory, older ones
 * in a temporary file (see SpillFile), so a million signatures cost 256 KB of memory and a read
 * each time one is looked at.
 */
export class RecordFile {
  private tail: Uint8Array;
  private inTail = 0;
  /** Records in the file (they come before the tail's). */
  private written = 0;
  private file: SpillFile | undefined;
  private readonly tailRecords: number;

  constructor(
    private readonly recordBytes: number,
    options: { inMemory?: number } = {},
  ) {
    this.tailRecords = Math.max(1, options.inMemory ?? Math.floor(DEFAULT_TAIL_BYTES / recordBytes));
    this.tail = new Uint8Array(recordBytes * Math.min(this.tailRecords, 64));
  }

  /** Records appended so far. */
  get size(): number {
    return this.written + this.inTail;
  }

  /** Appends the first `recordBytes` bytes of `record`. */
  append(record: Uint8Array): void {
    if ((this.inTail + 1) * this.recordBytes > this.tail.length) {
      if (this.tail.length < this.tailRecords * this.recordBytes) {
        const grown = new Uint8Array(Math.min(this.tail.length * 2, this.tailRecords * this.recordBytes));
        grown.set(this.tail);
        this.tail = grown;
      } else {
        this.file ??= SpillFile.create();
        this.file.append(this.tail.subarray(0, this.inTail * this.recordBytes));
        this.written += this.inTail;
        this.inTail = 0;
      }
    }
    this.tail.set(record.subarray(0, this.recordBytes), this.inTail++ * this.recordBytes);
  }

  /** Copies record number `index` into the start of `into`. */
  read(index: number, into: Uint8Array): void {
    if (index >= this.written) {
      const at = (index - this.written) * this.recordBytes;
      into.set(this.tail.subarray(at, at + this.recordBytes));
    } else {
      this.file!.read(into, this.recordBytes, index * this.recordBytes);
    }
  }

  /** Frees the temporary file now. */
  close(): void {
    this.file?.close();
  }
}
