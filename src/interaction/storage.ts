import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { ioError, StoreError } from "../errors.js";
import { type EventSink, ignoreEvents } from "../events.js";
import { IdMap } from "../util/id-map.js";
import { readJsonlLines } from "../util/jsonl-reader.js";
import { makeDirectory } from "../util/make-directory.js";
import type { Redactor } from "../util/redact.js";
import { symlinkRefused } from "../util/safe-files.js";
import { QUARANTINE_FILE, quarantineLines } from "./quarantine.js";
import { SegmentAppender } from "./segment-appender.js";
import { repairSegment, repairTail } from "./segment-repair.js";
import { parseStoreLine, REPAIR_HINT, type StoredRecord } from "./store-line.js";

export interface StorageOptions {
  /** Start a new segment file once the current one reaches this many bytes (default 64 MiB). */
  segmentBytes?: number;
  /** Where warnings (a torn last line skipped or repaired) go. */
  events?: EventSink;
  /** Name of the id field (default `interaction_id`). */
  idKey?: string;
  /** Segment file name prefix (default `interactions`). */
  prefix?: string;
  /**
   * What is wrong with a stored record that parses, if anything (e.g. it fails the Interaction
   * schema). Such records stay stored — `invalidRecords` lists them, `quarantine` moves them aside so
   * their ids can be saved again.
   */
  validate?: (record: StoredRecord) => string | undefined;
  /** Masks secrets in every line before it is written (see util/redact.ts). */
  redact?: (text: string) => string;
}

/** What `repair` did to a store. */
export interface RepairReport {
  /** Lines moved to quarantine (torn, corrupt, or invalid). */
  quarantined: number;
  /** Complete last records whose missing newline was added. */
  newlines: number;
  /** The quarantine file, when something was moved there. */
  quarantineFile?: string;
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
 * so a crash loses at most the batch in flight; saving an id that is already stored is a no-op.
 *
 * A record is whole, or set aside: a complete last record without its newline is kept (the newline
 * is added before the next append); a last line that does not parse (a write torn by a crash) is
 * skipped on read and moved to `quarantine.jsonl` before the next append; a corrupt line anywhere
 * else is an error naming file:line and `personasynth repair`. Files are never opened through a
 * symbolic link.
 */
export class InteractionStorage implements RecordSink {
  readonly dir: string;
  private readonly events: EventSink;
  private readonly idKey: string;
  private readonly prefix: string;
  private readonly validate: ((record: StoredRecord) => string | undefined) | undefined;
  private readonly redact: ((text: string) => string) | undefined;
  private ids: Set<string> | undefined;
  /** Records `validate` found wrong while indexing: id → where and why. */
  private invalid = new Map<string, { file: string; line: number; reason: string }>();
  private indexing: Promise<Set<string>> | undefined;
  private opening: Promise<void> | undefined;
  private readonly appender: SegmentAppender;

  constructor(dir: string, options: StorageOptions = {}) {
    this.dir = dir;
    this.events = options.events ?? ignoreEvents;
    this.idKey = options.idKey ?? "interaction_id";
    this.prefix = options.prefix ?? "interactions";
    this.validate = options.validate;
    this.redact = options.redact;
    this.appender = new SegmentAppender(
      dir,
      this.prefix,
      options.segmentBytes ?? 64 * 1024 * 1024,
      () => this.ids,
    );
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
    return this.appender.append(id, `${this.redact ? this.redact(json) : json}\n`);
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

  /**
   * Streams every stored record; a malformed line in the middle of a segment is a StoreError
   * (file:line). With `mask`, records come out masked (what an export reads): records this version
   * wrote are masked already, older or imported ones may not be; a line that cannot hold a secret is
   * passed through as parsed.
   */
  async *iterate(mask?: Redactor): AsyncGenerator<StoredRecord> {
    // A million ids as strings were ~90 MB of an export's peak; as an IdMap, ~20 MB.
    const seen = new IdMap();
    for (const file of await this.segmentFiles()) {
      for await (const { record, text } of this.readSegment(file)) {
        if (!seen.add(record[this.idKey] as string)) continue;
        yield mask?.mayHide(text) ? mask.value(record) : record;
      }
    }
  }

  /** Stored records the `validate` option finds wrong, by id, with the reason. */
  async invalidRecords(): Promise<ReadonlyMap<string, string>> {
    await this.index();
    return new Map([...this.invalid].map(([id, { reason }]) => [id, reason]));
  }

  /**
   * Moves these stored records (ids `invalidRecords` listed) to `quarantine.jsonl`, with their
   * reasons, and forgets them: their ids can be saved again. Returns how many were moved.
   */
  async quarantine(ids: Iterable<string>): Promise<number> {
    await this.index();
    const byFile = new Map<string, Map<number, string>>();
    const moved: string[] = [];
    for (const id of ids) {
      const where = this.invalid.get(id);
      if (!where) continue;
      moved.push(id);
      const lines = byFile.get(where.file) ?? new Map<number, string>();
      lines.set(where.line, where.reason);
      byFile.set(where.file, lines);
    }
    if (moved.length === 0) return 0;
    await this.releaseAppend();
    for (const [file, lines] of byFile) await quarantineLines(join(this.dir, file), lines);
    for (const id of moved) {
      this.invalid.delete(id);
      this.ids?.delete(id);
    }
    return moved.length;
  }

  /**
   * Makes every segment whole: lines that do not parse, are not records, or fail `validate` are
   * moved to quarantine (anywhere in the file); a complete last record gets its missing newline.
   * What `personasynth repair` runs; the store must not be in use by a run.
   */
  async repair(): Promise<RepairReport> {
    await this.releaseAppend();
    const report: RepairReport = { quarantined: 0, newlines: 0 };
    for (const file of await this.segmentFiles()) {
      const done = await repairSegment(join(this.dir, file), this.idKey, this.validate);
      report.quarantined += done.quarantined;
      report.newlines += done.newlines;
      if (done.quarantined > 0) report.quarantineFile = join(this.dir, QUARANTINE_FILE);
    }
    this.opening = undefined;
    this.indexing = undefined;
    this.ids = undefined;
    this.invalid = new Map();
    return report;
  }

  /** Waits until every save so far is durable. */
  flush(): Promise<void> {
    return this.appender.flush();
  }

  /**
   * Flushes and releases the open segment file and the id index (100,000 ids are ~10 MB); a later
   * save or lookup reopens and re-reads them.
   */
  async close(): Promise<void> {
    await this.releaseAppend();
    this.indexing = undefined;
    this.ids = undefined;
    this.invalid = new Map();
  }

  /** Flushes and closes the open segment; the next save reopens (and re-checks the tail). */
  private async releaseAppend(): Promise<void> {
    await this.flush();
    const closing = this.appender.closeSegment();
    this.opening = undefined;
    await closing;
  }

  private async *readSegment(
    file: string,
  ): AsyncGenerator<{ record: StoredRecord; line: number; text: string }> {
    const path = join(this.dir, file);
    for await (const { text, line, unterminated } of readJsonlLines(path)) {
      const parsed = parseStoreLine(text, this.idKey);
      if ("record" in parsed) {
        yield { record: parsed.record, line, text };
      } else if (unterminated) {
        this.events({
          type: "warning",
          message: "skipped a torn last line (an interrupted write)",
          where: `${path}:${line}`,
        });
      } else {
        throw new StoreError(parsed.problem, { where: `${path}:${line}`, hint: REPAIR_HINT });
      }
    }
  }

  /** The segment files in order; a segment that is a symbolic link is refused, never followed. */
  private async segmentFiles(): Promise<string[]> {
    let entries: Dirent[];
    try {
      entries = await readdir(this.dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw ioError("read store directory", this.dir, error);
    }
    const names: string[] = [];
    for (const entry of entries) {
      if (SEGMENT_PATTERN.exec(entry.name)?.[1] !== this.prefix) continue;
      if (entry.isSymbolicLink()) throw symlinkRefused(join(this.dir, entry.name));
      names.push(entry.name);
    }
    return names.sort();
  }

  /**
   * The id index, loaded once from the segments (a torn last line is skipped, not counted); records
   * that `validate` rejects are indexed too (they are stored) and listed in `invalid`.
   */
  private index(): Promise<Set<string>> {
    this.indexing ??= (async () => {
      const ids = new Set<string>();
      const invalid = new Map<string, { file: string; line: number; reason: string }>();
      for (const file of await this.segmentFiles()) {
        for await (const { record, line } of this.readSegment(file)) {
          const id = record[this.idKey] as string;
          if (this.validate && !ids.has(id)) {
            const reason = this.validate(record);
            if (reason !== undefined) invalid.set(id, { file, line, reason });
          }
          ids.add(id);
        }
      }
      this.ids = ids;
      this.invalid = invalid;
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
    if (last) await repairTail(join(this.dir, last), this.idKey, this.events);
    await this.index();
    this.appender.resume(
      last ? Number(SEGMENT_PATTERN.exec(last)?.[2] ?? 1) : 1,
      last ? (await stat(join(this.dir, last))).size : 0,
    );
  }
}
