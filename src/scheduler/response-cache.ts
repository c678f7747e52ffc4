import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { ioError, StoreError } from "../errors.js";
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
      parts.schema === null || parts.schema === undefined ? null : stableStringify(parts.schema),
      messages,
    ]),
  );
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

  constructor(readonly path: string) {
    let db: Database.Database | undefined;
    try {
      mkdirSync(dirname(path), { recursive: true });
      db = new Database(path);
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      db.pragma("busy_timeout = 5000");
      // One run owns its cache: exclusive locking skips the shared-memory lock dance of every
      // transaction (about 20 µs per call). A second run on the same cache waits, then fails clearly.
      db.pragma("locking_mode = EXCLUSIVE");
      db.exec(
        "CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, value TEXT NOT NULL, created_at INTEGER NOT NULL)",
      );
      this.getStmt = db.prepare("SELECT value FROM responses WHERE key = ?");
      this.putStmt = db.prepare("INSERT OR IGNORE INTO responses (key, value, created_at) VALUES (?, ?, ?)");
    } catch (error) {
      db?.close();
      if ((error as { code?: string }).code === "SQLITE_BUSY") {
        throw new StoreError("the response cache is in use by another run", {
          code: "IO",
          where: path,
          hint: "wait for the other run to finish, or give this one its own --out or llm.cache.path",
        });
      }
      throw ioError("open the response cache", path, error);
    }
    this.db = db;
  }

  get(key: string): CompletionResult | undefined {
    const row = this.getStmt.get(key);
    return row ? (JSON.parse(row.value) as CompletionResult) : undefined;
  }

  /**
   * Stores a result, committed at once: the answer is about to be used (and paid for), so a process
   * killed a moment later must find it on the rerun. In WAL mode a commit is one small append.
   */
  put(key: string, result: CompletionResult, now: number): void {
    if (!this.db.open) return;
    this.putStmt.run(key, JSON.stringify(result), now);
  }

  /** Kept for callers that flush before closing; writes are already committed. */
  flush(): void {}

  get size(): number {
    this.flush();
    return (this.db.prepare("SELECT COUNT(*) AS n FROM responses").get() as { n: number }).n;
  }

  close(): void {
    this.flush();
    if (this.db.open) this.db.close();
  }
}
