import { closeSync, existsSync, fdatasyncSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { ioError } from "../errors.js";

/** A batch submitted and not yet read: enough to re-attach to it. */
export interface JournalBatch {
  id: string;
  provider: string;
  tag: string;
  /** Custom ids (request cache keys) of its lines. */
  keys: string[];
}

type Entry =
  | { t: "intent"; provider: string; tag: string }
  | ({ t: "submitted" } & JournalBatch)
  | { t: "done"; id: string };

/**
 * The provider batches of this output directory, appended and fsynced as they happen: the intent to
 * submit (its tag), the batch id once the provider gave it, and `done` once its results are read. A
 * rerun after a crash re-attaches to the batches still open instead of submitting their lines again;
 * an intent without an id is looked up by its tag where the provider keeps one (OpenAI metadata).
 */
export class BatchJournal {
  private fd: number | undefined;
  /** Submitted and not done, by id. */
  readonly open = new Map<string, JournalBatch>();
  /** Tags of intents with no batch id after them (the run died in between). */
  readonly orphanTags = new Set<string>();

  constructor(readonly path: string) {
    if (!existsSync(path)) return;
    for (const line of readFileSync(path, "utf8").split("\n")) {
      if (line.trim() === "") continue;
      let entry: Entry;
      try {
        entry = JSON.parse(line) as Entry;
      } catch {
        continue; // torn by a kill: the entry before it stands
      }
      if (entry.t === "intent") this.orphanTags.add(entry.tag);
      else if (entry.t === "submitted") {
        this.orphanTags.delete(entry.tag);
        this.open.set(entry.id, { id: entry.id, provider: entry.provider, tag: entry.tag, keys: entry.keys });
      } else this.open.delete(entry.id);
    }
  }

  intent(provider: string, tag: string): void {
    this.append({ t: "intent", provider, tag });
  }

  submitted(batch: JournalBatch): void {
    this.orphanTags.delete(batch.tag);
    this.open.set(batch.id, batch);
    this.append({ t: "submitted", ...batch });
  }

  done(id: string): void {
    this.open.delete(id);
    this.append({ t: "done", id });
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private append(entry: Entry): void {
    try {
      if (this.fd === undefined) {
        mkdirSync(dirname(this.path), { recursive: true });
        this.fd = openSync(this.path, "a");
      }
      writeSync(this.fd, `${JSON.stringify(entry)}\n`);
      fdatasyncSync(this.fd);
    } catch (error) {
      throw ioError("record a provider batch", this.path, error);
    }
  }
}
