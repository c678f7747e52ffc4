import { open, readdir, stat, truncate } from "node:fs/promises";
import { join } from "node:path";
import { ioError, StoreError } from "../errors.js";
import { type EventSink, ignoreEvents } from "../events.js";
import { readJsonlLines } from "../util/jsonl-reader.js";
import { makeDirectory } from "../util/make-directory.js";

/** A stored record: any JSON object with a string id under `idKey`. */
type StoredRecord = Record<string, unknown>;

export interface StorageOptions {
  /** Start a new segment file once the current one reaches this many bytes (default 64 MiB). */
  segmentBytes?: number;
  /** Where warnings (a torn last line skipped or repaired) go. */
  events?: EventSink;
  /** Name of the id field (default `interaction_id`). */
  idKey?: string;
  /** Segment file name prefix (default `interactions`). */
  prefix?: string;
}

/** Where records are saved; `save` resolves once the record is durable. */
export interface RecordSink {
  save(record: StoredRecord): Promise<unknown>;
}

/** A record as one stored line (without its newline): what `save` writes, for callers that serialize ahead. */
export function serializeRecord(record: StoredRecord): string {
  return JSON.stringify(record);
}

/** Records per durable batch in `saveAll`. */
const SAVE_ALL_SLICE = 4096;

const SEGMENT_PATTERN = /^(.+)-(\d{6})\.jsonl$/;

/**
 * Append-only JSONL store of interactions (the seed's `InteractionStorage`). Records are appended to
 * numbered segment files; each batch of saves is written with one write and one fsync (group commit),
 * so a crash loses at most the batch in flight. A torn final line is skipped on read and cut off
 * before the next append; saving an id that is already stored is a no-op.
 */
export class InteractionStorage implements RecordSink {
  readonly dir: string;
  private readonly segmentBytes: number;
  private readonly events: EventSink;
  private readonly idKey: string;
  private readonly prefix: string;
  private ids: Set<string> | undefined;
  private indexing: Promise<Set<string>> | undefined;
  private opening: Promise<void> | undefined;
  private segment = 0;
  private segmentSize = 0;
  private queue: Array<{
    id: string;
    line: string;
    resolve: (path: string) => void;
    reject: (e: unknown) => void;
  }> = [];
  private flushing: Promise<void> | undefined;
  private appendHandle: Awaited<ReturnType<typeof open>> | undefined;
  private appendPath: string | undefined;

  constructor(dir: string, options: StorageOptions = {}) {
    this.dir = dir;
    this.segmentBytes = options.segmentBytes ?? 64 * 1024 * 1024;
    this.events = options.events ?? ignoreEvents;
    this.idKey = options.idKey ?? "interaction_id";
    this.prefix = options.prefix ?? "interactions";
  }

  /**
   * Appends one record durably; resolves with the segment file path once it is fsynced.
   * Saves made in the same tick share one write and one fsync.
   */
  async save(record: StoredRecord): Promise<string> {
    const id = record[this.idKey];
    if (typeof id !== "string" || id === "") {
      throw new StoreError(`record has no string "${this.idKey}"`, { code: "DATA_INVALID", where: this.dir });
    }
    return this.saveSerialized(id, serializeRecord(record));
  }

  /**
   * `save` for a record serialized ahead (by `serializeRecord`, possibly in another thread): the id
   * must be the record's own.
   */
  async saveSerialized(id: string, json: string): Promise<string> {
    await this.open();
    const line = `${json}\n`;
    return new Promise<string>((resolve, reject) => {
      this.queue.push({ id, line, resolve, reject });
      if (!this.flushing) this.flushing = this.flushLoop();
    });
  }

  /**
   * Appends many records durably, a slice at a time: 100,000 records queued at once held every line
   * and pending save in memory together (tens of MB at the start of a large run).
   */
  async saveAll(records: Iterable<StoredRecord>): Promise<void> {
    let slice: Array<Promise<string>> = [];
    for (const record of records) {
      slice.push(this.save(record));
      if (slice.length === SAVE_ALL_SLICE) {
        await Promise.all(slice);
        slice = [];
      }
    }
    await Promise.all(slice);
  }

  /** True when a record with this id is stored. */
  async has(id: string): Promise<boolean> {
    return (await this.index()).has(id);
  }

  /** Ids of every stored record (reading never creates the store directory). */
  async storedIds(): Promise<ReadonlySet<string>> {
    return this.index();
  }

  /** The record with this id, or undefined. */
  async load(id: string): Promise<StoredRecord | undefined> {
    for await (const record of this.iterate()) if (record[this.idKey] === id) return record;
    return undefined;
  }

  /** Every stored record, in the order saved (first copy of an id wins). */
  async loadAll(): Promise<StoredRecord[]> {
    const out: StoredRecord[] = [];
    for await (const record of this.iterate()) out.push(record);
    return out;
  }

  /** Streams every stored record without holding the store in memory. */
  [Symbol.asyncIterator](): AsyncGenerator<StoredRecord> {
    return this.iterate();
  }

  /** Streams every stored record; a malformed line in the middle of a segment is a StoreError (file:line). */
  async *iterate(): AsyncGenerator<StoredRecord> {
    const seen = new Set<string>();
    for (const file of await this.segmentFiles()) {
      for await (const record of this.readSegment(file)) {
        const id = record[this.idKey] as string;
        if (seen.has(id)) continue;
        seen.add(id);
        yield record;
      }
    }
  }

  /** Waits until every save so far is durable. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /**
   * Flushes and releases the open segment file and the id index (100,000 ids are ~10 MB); a later
   * save or lookup reopens and re-reads them.
   */
  async close(): Promise<void> {
    await this.flush();
    const handle = this.appendHandle;
    this.appendHandle = undefined;
    this.appendPath = undefined;
    this.opening = undefined;
    this.indexing = undefined;
    this.ids = undefined;
    await handle?.close();
  }

  private async *readSegment(file: string): AsyncGenerator<StoredRecord> {
    const path = join(this.dir, file);
    for await (const { text, line, unterminated } of readJsonlLines(path)) {
      let record: unknown;
      try {
        record = JSON.parse(text);
      } catch {
        if (unterminated) {
          this.events({
            type: "warning",
            message: "skipped a torn last line (an interrupted write)",
            where: `${path}:${line}`,
          });
          continue;
        }
        throw new StoreError("line is not valid JSON", {
          where: `${path}:${line}`,
          hint: "the store is corrupt at this line; move the file aside or delete the line",
        });
      }
      if (record === null || typeof record !== "object" || Array.isArray(record)) {
        throw new StoreError("line is not a JSON object", { where: `${path}:${line}` });
      }
      if (typeof (record as StoredRecord)[this.idKey] !== "string") {
        throw new StoreError(`record has no string "${this.idKey}"`, { where: `${path}:${line}` });
      }
      yield record as StoredRecord;
    }
  }

  private async segmentFiles(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw ioError("read store directory", this.dir, error);
    }
    return names.filter((name) => SEGMENT_PATTERN.exec(name)?.[1] === this.prefix).sort();
  }

  /** The id index, loaded once from the segments (a torn last line is skipped, not counted). */
  private index(): Promise<Set<string>> {
    this.indexing ??= (async () => {
      const ids = new Set<string>();
      for (const file of await this.segmentFiles()) {
        for await (const record of this.readSegment(file)) ids.add(record[this.idKey] as string);
      }
      this.ids = ids;
      return ids;
    })();
    return this.indexing;
  }

  private open(): Promise<void> {
    this.opening ??= this.openOnce();
    return this.opening;
  }

  /** Prepares for appending: creates the directory and cuts a torn tail so appends start on a fresh line. */
  private async openOnce(): Promise<void> {
    try {
      makeDirectory(this.dir);
    } catch (error) {
      throw ioError("create store directory", this.dir, error);
    }
    const files = await this.segmentFiles();
    const last = files.at(-1);
    if (last) {
      this.segment = Number(SEGMENT_PATTERN.exec(last)?.[2] ?? 1);
      await this.repairTail(join(this.dir, last));
    } else {
      this.segment = 1;
    }
    await this.index();
    this.segmentSize = last ? (await stat(join(this.dir, last))).size : 0;
  }

  private async repairTail(path: string): Promise<void> {
    const { size } = await stat(path);
    if (size === 0) return;
    const handle = await open(path, "r");
    try {
      const window = Math.min(size, 1 << 20);
      const buffer = Buffer.alloc(window);
      await handle.read(buffer, 0, window, size - window);
      if (buffer[window - 1] === 0x0a) return;
      const lastNewline = buffer.lastIndexOf(0x0a);
      const keep = lastNewline === -1 ? (window === size ? 0 : -1) : size - window + lastNewline + 1;
      if (keep < 0) throw new StoreError("last record is longer than 1 MiB and torn", { where: path });
      await handle.close();
      await truncate(path, keep);
      this.events({
        type: "warning",
        message: `removed a torn last line (${size - keep} bytes)`,
        where: path,
      });
    } finally {
      await handle.close().catch(() => undefined);
    }
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

  private async writeBatch(
    batch: Array<{ id: string; line: string; resolve: (path: string) => void; reject: (e: unknown) => void }>,
  ): Promise<void> {
    const ids = this.ids ?? new Set<string>();
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
        if (this.appendPath !== path) {
          await this.appendHandle?.close();
          this.appendHandle = await open(path, "a");
          this.appendPath = path;
        }
        const handle = this.appendHandle as Awaited<ReturnType<typeof open>>;
        for (let written = 0; written < size; ) written += (await handle.write(bytes, written)).bytesWritten;
        await handle.datasync();
        this.segmentSize += size;
      } catch (error) {
        for (const entry of fresh) ids.delete(entry.id);
        const wrapped = ioError("append to store", path, error);
        for (const entry of batch) entry.reject(wrapped);
        return;
      }
    }
    for (const entry of batch) entry.resolve(path);
  }
}
