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
