/**
 * Group commit to a store's numbered segment files (`<prefix>-000001.jsonl`, …): lines saved in the
 * same tick are written with one write and one fsync, and each save resolves once its line is durable
 * (append + fsync, the store's invariant). A new segment starts once the current one reaches its size
 * limit; the current segment stays open between batches. Apart from storage.ts, which indexes, reads,
 * validates and repairs: this is the only code that writes a store's lines.
 */
import type { FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { ioError, StoreError } from "../errors.js";
import { APPEND_NO_FOLLOW, openNoFollow } from "../util/safe-files.js";

/** A line waiting for the next batch, and the save waiting for it. */
interface PendingLine {
  id: string;
  line: string;
  resolve: (path: string) => void;
  reject: (e: unknown) => void;
}

export class SegmentAppender {
  private segment = 0;
  private segmentSize = 0;
  private queue: PendingLine[] = [];
  private flushing: Promise<void> | undefined;
  private handle: FileHandle | undefined;
  private handlePath: string | undefined;

  constructor(
    private readonly dir: string,
    private readonly prefix: string,
    private readonly segmentBytes: number,
    /** The ids stored so far: a line whose id is there is not written again (and is added once written). */
    private readonly storedIds: () => Set<string> | undefined,
  ) {}

  /** Appends go on at segment number `segment`, which holds `size` bytes already. */
  resume(segment: number, size: number): void {
    this.segment = segment;
    this.segmentSize = size;
  }

  /** Queues `line` (with its newline) under `id`; resolves with the segment's path once it is fsynced. */
  append(id: string, line: string): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      this.queue.push({ id, line, resolve, reject });
      if (!this.flushing) this.flushing = this.flushLoop();
    });
  }

  /** Waits until every line appended so far is durable. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /** Lets go of the open segment (call after `flush`); the next batch opens it again. */
  closeSegment(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    this.handlePath = undefined;
    return handle?.close() ?? Promise.resolve();
  }

  private currentSegmentPath(): string {
    return join(this.dir, `${this.prefix}-${String(this.segment).padStart(6, "0")}.jsonl`);
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        await this.writeBatch(batch);
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private async writeBatch(batch: PendingLine[]): Promise<void> {
    const ids = this.storedIds() ?? new Set<string>();
    const fresh = [];
    for (const entry of batch) {
      if (ids.has(entry.id)) continue;
      ids.add(entry.id);
      fresh.push(entry);
    }
    if (this.segmentSize >= this.segmentBytes && fresh.length > 0) {
      this.segment++;
      this.segmentSize = 0;
    }
    const path = this.currentSegmentPath();
    if (fresh.length > 0) {
      // Encoded line by line into one buffer: joining the lines into one string first and encoding
      // that (and measuring it again) cost twice as much.
      let size = 0;
      for (const entry of fresh) size += Buffer.byteLength(entry.line);
      const bytes = Buffer.allocUnsafe(size);
      let at = 0;
      for (const entry of fresh) at += bytes.write(entry.line, at);
      try {
        // The segment stays open between batches; a new segment closes the previous one.
        if (this.handlePath !== path) {
          await this.handle?.close();
          this.handle = await openNoFollow(path, APPEND_NO_FOLLOW, "append to store");
          this.handlePath = path;
        }
        const handle = this.handle as FileHandle;
        for (let written = 0; written < size; ) written += (await handle.write(bytes, written)).bytesWritten;
        await handle.datasync();
        this.segmentSize += size;
      } catch (error) {
        for (const entry of fresh) ids.delete(entry.id);
        const wrapped = error instanceof StoreError ? error : ioError("append to store", path, error);
        for (const entry of batch) entry.reject(wrapped);
        return;
      }
    }
    for (const entry of batch) entry.resolve(path);
  }
}
