import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { ioError } from "../errors.js";
import type { CompletionResult } from "../llm/types.js";
import { sha256Hex, stableStringify } from "../util/hash.js";

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

/** The cache key: SHA-256 of the canonical (key-sorted) request. */
export function cacheKey(parts: CacheKeyParts): string {
  return sha256Hex(stableStringify(parts));
}

/**
 * On-disk response cache (SQLite, WAL). Every successful call is stored under its canonical request,
 * so a rerun with the same seed replays finished calls for free and identically — this is what makes
 * an interrupted run resumable. Errors are never stored.
 */
export class ResponseCache {
  private readonly db: Database.Database;
  private readonly getStmt: Database.Statement<[string], { value: string }>;
  private readonly putStmt: Database.Statement<[string, string, number]>;
  private pending: Array<[string, string, number]> = [];
  private flushScheduled = false;

  constructor(readonly path: string) {
    try {
      mkdirSync(dirname(path), { recursive: true });
      this.db = new Database(path);
    } catch (error) {
      throw ioError("open the response cache", path, error);
    }
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("busy_timeout = 5000");
    this.db.exec(
      "CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, value TEXT NOT NULL, created_at INTEGER NOT NULL)",
    );
    this.getStmt = this.db.prepare("SELECT value FROM responses WHERE key = ?");
    this.putStmt = this.db.prepare(
      "INSERT OR IGNORE INTO responses (key, value, created_at) VALUES (?, ?, ?)",
    );
  }

  get(key: string): CompletionResult | undefined {
    const pending = this.pending.find((entry) => entry[0] === key);
    const row = pending ? { value: pending[1] } : this.getStmt.get(key);
    return row ? (JSON.parse(row.value) as CompletionResult) : undefined;
  }

  /** Stores a result; writes of one tick are committed in one transaction. */
  put(key: string, result: CompletionResult, now: number): void {
    this.pending.push([key, JSON.stringify(result), now]);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Commits pending writes now. */
  flush(): void {
    this.flushScheduled = false;
    if (this.pending.length === 0 || !this.db.open) return;
    const batch = this.pending;
    this.pending = [];
    this.db.transaction(() => {
      for (const row of batch) this.putStmt.run(...row);
    })();
  }

  get size(): number {
    this.flush();
    return (this.db.prepare("SELECT COUNT(*) AS n FROM responses").get() as { n: number }).n;
  }

  close(): void {
    this.flush();
    if (this.db.open) this.db.close();
  }
}
