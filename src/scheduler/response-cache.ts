import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  ftruncateSync,
  openSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { ioError, StoreError } from "../errors.js";
import type { CompletionResult } from "../llm/types.js";
import { sha256Hex, stableStringify } from "../util/hash.js";
import { makeDirectory } from "../util/make-directory.js";
import { APPEND_NO_FOLLOW, refuseLink } from "../util/safe-files.js";

/** What identifies a request: never the API key. */
export interface CacheKeyParts {
  provider: string;
  baseUrl: string;
  model: string;
  messages: unknown;
  params: unknown;
  schema: unknown;
  /** Distinguishes N wanted samples of the same request. */
  sampleIndex: number;
}

/**
 * Canonical JSON of each schema object, by identity: an operation sends the same schema object with
 * every call (a pure function's memo; sorting its keys per call was a tenth of a millisecond).
 */
const schemaJson = new WeakMap<object, string>();

function canonicalSchema(schema: unknown): string | null {
  if (schema === null || schema === undefined) return null;
  if (typeof schema !== "object") return stableStringify(schema);
  let text = schemaJson.get(schema);
  if (text === undefined) {
    text = stableStringify(schema);
    schemaJson.set(schema, text);
  }
  return text;
}

/**
 * The cache key: SHA-256 of the canonical request. Messages are serialised positionally (role,
 * content) and the rest key-sorted, so equal requests always give equal keys; this runs once per call,
 * so it avoids the generic sorter on the (large) message list.
 */
export function cacheKey(parts: CacheKeyParts): string {
  const messages = Array.isArray(parts.messages)
    ? (parts.messages as Array<{ role: string; content: string }>).map((m) => [m.role, m.content])
    : parts.messages;
  return sha256Hex(
    JSON.stringify([
      parts.provider,
      parts.baseUrl,
      parts.model,
      parts.sampleIndex,
      stableStringify(parts.params),
      canonicalSchema(parts.schema),
      messages,
    ]),
  );
}

/**
 * Pending journal entries are moved into SQLite this often (one transaction each time), or sooner when
 * this many are pending. Few large transactions: the keys are hashes, so each row lands on its own
 * index page and a transaction of 16 rows (100 ms at 160 calls/s) wrote ~1.6 pages a row to the WAL
 * where one of 300 writes ~0.7 (`npm run bench -- pipeline online`: 20,600 → 6,000 page writes for
 * 8,000 calls at L=200). The journal line, not SQLite, is what makes a result durable.
 */
const FLUSH_MS = 2000;
const FLUSH_ENTRIES = 2048;

/** Bits of the filter of keys stored since a fresh cache was opened (1 MiB; see ResponseCache.get). */
const FILTER_BITS = 1 << 23;

/**
 * On-disk response cache (SQLite, WAL). Every successful call is stored under its canonical request,
 * so a rerun with the same seed replays finished calls for free and identically — this is what makes
 * an interrupted run resumable. Errors are never stored.
 *
 * A result is first appended to a journal file beside the database with one write() — the answer is
 * about to be used, and a process killed right after must find it on the rerun; the OS keeps a
 * written page even when the process dies — and moved into SQLite in batches (one transaction every
 * 2 s or 2,048 results instead of one commit per call). Opening the cache imports what a killed run left in the
 * journal.
 */
export class ResponseCache {
  private readonly db: Database.Database;
  private readonly getStmt: Database.Statement<[string], { value: string }>;
  private readonly putStmt: Database.Statement<[string, string, number]>;
  private readonly journalPath: string;
  private journal: number | undefined;
  private readonly pending = new Map<string, [string, string, number]>();
  private timer: NodeJS.Timeout | undefined;
  /** Why a background flush failed: the next use of the cache reports it. */
  private failure: StoreError | undefined;
  /**
   * When the cache was empty at open: a Bloom filter (two bits per key) of every key stored since,
   * so a lookup of a key never stored — every call of a first run — skips SQLite. Else undefined.
   */
  private readonly stored: Uint32Array | undefined;

  /** @param redact masks secrets in stored answers (a model that echoes a key must not leave it here). */
  constructor(
    readonly path: string,
    private readonly redact: (text: string) => string = (text) => text,
  ) {
    let db: Database.Database | undefined;
    this.journalPath = `${path}-journal.jsonl`;
    // Never through a link: SQLite and the journal would write wherever it points.
    for (const file of [path, `${path}-wal`, `${path}-shm`, this.journalPath]) refuseLink(file);
    try {
      makeDirectory(dirname(path));
      db = new Database(path);
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      db.pragma("busy_timeout = 5000");
      // One run owns its cache: exclusive locking skips the shared-memory lock dance of every
      // transaction. A second run on the same cache waits, then fails clearly.
      db.pragma("locking_mode = EXCLUSIVE");
      db.exec(
        "CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, value TEXT NOT NULL, created_at INTEGER NOT NULL)",
      );
      this.getStmt = db.prepare("SELECT value FROM responses WHERE key = ?");
      this.putStmt = db.prepare("INSERT OR IGNORE INTO responses (key, value, created_at) VALUES (?, ?, ?)");
      this.db = db;
      this.importJournal();
      this.stored =
        db.prepare("SELECT 1 FROM responses LIMIT 1").get() === undefined
          ? new Uint32Array(FILTER_BITS / 32)
          : undefined;
    } catch (error) {
      db?.close();
      throw cacheError("open", path, error);
    }
  }

  /**
   * Checks, writing nothing, that the cache at `path` could be opened by a run: readable as a
   * database, not held by another run, and writable (or, when it does not exist yet, creatable).
   */
  static check(path: string): void {
    const problem = existsSync(path) ? writeProblem(path) : accessProblem(nearestExisting(dirname(path)));
    if (problem)
      throw cacheError("open", path, Object.assign(new Error(problem), { code: "SQLITE_READONLY" }));
    if (!existsSync(path)) return;
    let db: Database.Database | undefined;
    try {
      db = new Database(path, { readonly: true, fileMustExist: true, timeout: 200 });
      db.pragma("schema_version");
    } catch (error) {
      throw cacheError("open", path, error);
    } finally {
      db?.close();
    }
  }

  get(key: string): CompletionResult | undefined {
    this.throwFailure();
    const pending = this.pending.get(key);
    if (pending) return JSON.parse(pending[1]) as CompletionResult;
    if (this.stored && !this.mayHave(key)) return undefined;
    let row: { value: string } | undefined;
    try {
      row = this.getStmt.get(key);
    } catch (error) {
      throw cacheError("read", this.path, error);
    }
    return row ? (JSON.parse(row.value) as CompletionResult) : undefined;
  }

  /** The filter's two bits of a key: from one FNV-1a hash of it, mixed twice. */
  private bits(key: string): [number, number] {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    return [(h >>> 0) % FILTER_BITS, (Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0) % FILTER_BITS];
  }

  private mayHave(key: string): boolean {
    const filter = this.stored as Uint32Array;
    for (const bit of this.bits(key))
      if (((filter[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return false;
    return true;
  }

  /** Stores a result: durable against a killed process when this returns (see the class comment). */
  put(key: string, result: CompletionResult, now: number): void {
    this.throwFailure();
    if (!this.db.open || this.pending.has(key)) return;
    const entry: [string, string, number] = [key, this.redact(JSON.stringify(result)), now];
    try {
      this.journal ??= openSync(this.journalPath, APPEND_NO_FOLLOW, 0o644);
      // The result's JSON as it is, not encoded again as a string (which escaped every quote).
      writeSync(this.journal, `[${JSON.stringify(key)},${now},${entry[1]}]\n`);
    } catch (error) {
      throw cacheError("write", this.journalPath, error);
    }
    this.pending.set(key, entry);
    if (this.stored)
      for (const bit of this.bits(key))
        this.stored[bit >>> 5] = (this.stored[bit >>> 5] as number) | (1 << (bit & 31));
    if (this.pending.size >= FLUSH_ENTRIES) this.flush();
    else if (!this.timer) {
      // A failure here has no caller to go to: it is kept and reported by the next get or put.
      this.timer = setTimeout(() => {
        try {
          this.flush();
        } catch (error) {
          this.failure = error as StoreError;
        }
      }, FLUSH_MS);
      this.timer.unref();
    }
  }

  /** Moves journalled results into SQLite in one transaction and empties the journal. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0 || !this.db.open) return;
    const rows = [...this.pending.values()];
    try {
      this.db.transaction(() => {
        for (const row of rows) this.putStmt.run(...row);
      })();
      this.pending.clear();
      if (this.journal !== undefined) ftruncateSync(this.journal, 0);
    } catch (error) {
      throw cacheError("write", this.path, error);
    }
  }

  private throwFailure(): void {
    if (this.failure) throw this.failure;
  }

  get size(): number {
    this.flush();
    return (this.db.prepare("SELECT COUNT(*) AS n FROM responses").get() as { n: number }).n;
  }

  close(): void {
    try {
      this.flush();
    } finally {
      if (this.journal !== undefined) closeSync(this.journal);
      this.journal = undefined;
      if (this.db.open) this.db.close();
    }
  }

  /**
   * Imports what a killed run left in the journal (a torn last line is ignored), then empties it.
   * A line is `[key, created_at, result]` (before: `[key, result as a JSON string, created_at]`).
   */
  private importJournal(): void {
    if (!existsSync(this.journalPath)) return;
    const lines = readFileSync(this.journalPath, "utf8").split("\n");
    const rows: Array<[string, string, number]> = [];
    for (const line of lines) {
      if (line.trim() === "") continue;
      try {
        const row = JSON.parse(line) as unknown[];
        if (!Array.isArray(row) || typeof row[0] !== "string") continue;
        if (typeof row[1] === "string") rows.push([row[0], row[1], Number(row[2])]);
        else if (typeof row[2] === "object" && row[2] !== null)
          rows.push([row[0], JSON.stringify(row[2]), Number(row[1])]);
      } catch {
        // a line torn by the kill: that call simply runs again
      }
    }
    this.db.transaction(() => {
      for (const row of rows) this.putStmt.run(row[0], row[1], Number(row[2]) || 0);
    })();
    writeFileSync(this.journalPath, "");
  }
}

const NO_CACHE = "or run with --no-cache";

/**
 * A failure of the cache as one line: the cause and the fix. SQLite reports a damaged file, a full
 * disk or a lock by its own codes, and a file it cannot write as "unable to open database file":
 * then the file and its directory are probed for the real reason (read-only filesystem, permissions).
 */
function cacheError(operation: "open" | "read" | "write", path: string, error: unknown): StoreError {
  const code = String((error as { code?: unknown }).code ?? "");
  const fail = (message: string, hint: string) =>
    new StoreError(message, { code: "IO", where: path, hint, cause: error });
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"))
    return fail(
      "the response cache is in use by another run",
      "wait for the other run to finish, or give this one its own --out or llm.cache.path",
    );
  if (code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB")
    return fail(
      `the response cache is damaged (${code === "SQLITE_NOTADB" ? "not a database" : "malformed"})`,
      `move it aside (mv "${path}" "${path}.bad") and rerun the same command, ${NO_CACHE}`,
    );
  if (code === "SQLITE_FULL" || code === "ENOSPC" || code === "EDQUOT")
    return fail(
      "cannot write the response cache: no space left on device",
      `free space on that disk and rerun the same command, ${NO_CACHE}`,
    );
  const unwritable = writeProblem(path);
  if (unwritable)
    return fail(
      `the response cache cannot be written: ${unwritable}`,
      `run with --no-cache, or set llm.cache.path to a writable place`,
    );
  const wrapped = ioError(`${operation} the response cache`, path, error);
  return wrapped.hint ? wrapped : Object.assign(wrapped, { hint: `move it aside and rerun, ${NO_CACHE}` });
}

/** The path itself, or its closest ancestor that exists. */
function nearestExisting(path: string): string {
  let at = path;
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  return at;
}

/** Why the cache file (or, when it does not exist yet, its directory) cannot be written, if it cannot. */
function writeProblem(path: string): string | undefined {
  return (existsSync(path) ? accessProblem(path) : undefined) ?? accessProblem(dirname(path));
}

/** Why `path` cannot be written, if the filesystem or the permissions forbid it. */
function accessProblem(path: string): string | undefined {
  try {
    accessSync(path, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EROFS") return "the filesystem is read-only";
    if (code === "EACCES" || code === "EPERM") return `permission denied (${path})`;
  }
  return undefined;
}
