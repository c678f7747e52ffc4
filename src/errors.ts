/**
 * One error family for the whole library. Every error carries a stable `code` (for programs) and an
 * `exitCode` (for the CLI), so callers branch on data, never on message text.
 */

import { statSync } from "node:fs";
import { dirname } from "node:path";

/** Stable error codes. Add new ones here; never reuse a code for a different meaning. */
export type ErrorCode =
  | "CONFIG_INVALID"
  | "USAGE"
  | "PROVIDER"
  | "PROVIDER_AUTH"
  | "PROVIDER_UNREACHABLE"
  | "BUDGET_EXCEEDED"
  | "STORE_CORRUPT"
  | "IO"
  | "DATA_INVALID"
  | "INTERRUPTED"
  | "BACKEND"
  | "INTERNAL";

/** Options common to every personasynth error. */
export interface ErrorOptions {
  /** Where the problem is: a file, a file:line, or a config key path. */
  where?: string;
  /** One sentence telling the user how to fix it. */
  hint?: string;
  cause?: unknown;
}

/** Base class: a message, a stable code, an exit code, and optionally where and how to fix. */
export class PersonasynthError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;
  readonly where: string | undefined;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, exitCode: number, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
    this.where = options.where;
    this.hint = options.hint;
  }

  /** The one line a user sees: where, what, and the fix. */
  describe(): string {
    const where = this.where ? `${this.where}: ` : "";
    const hint = this.hint ? ` (${this.hint})` : "";
    return `${where}${this.message}${hint}`;
  }
}

/** One problem found while validating a configuration or data file. */
export interface ConfigIssue {
  severity: "error" | "warning";
  /** Dotted key path, e.g. `training_data.split.train`; empty for the document root. */
  path: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** Formats an issue as `file:line:col key.path: message`. */
export function formatIssue(issue: ConfigIssue): string {
  const pos =
    issue.file === undefined
      ? ""
      : `${issue.file}${issue.line === undefined ? "" : `:${issue.line}:${issue.column ?? 1}`}: `;
  const key = issue.path ? `${issue.path}: ` : "";
  return `${pos}${key}${issue.message}`;
}

/** Bad configuration or data file: carries every problem found, not just the first. Exit code 2. */
export class ConfigError extends PersonasynthError {
  readonly issues: ConfigIssue[];

  constructor(message: string, issues: ConfigIssue[] = [], options: ErrorOptions = {}) {
    super("CONFIG_INVALID", message, 2, options);
    this.issues = issues;
  }

  override describe(): string {
    const errors = this.issues.filter((i) => i.severity === "error");
    if (errors.length === 0) return super.describe();
    return [super.describe(), ...errors.map((i) => `  ${formatIssue(i)}`)].join("\n");
  }
}

/** Wrong command-line usage. Exit code 2. */
export class UsageError extends PersonasynthError {
  constructor(message: string, options: ErrorOptions = {}) {
    super("USAGE", message, 2, options);
  }
}

/** A model provider failed in a way retries cannot fix (auth, bad request, exhausted attempts). */
export class ProviderError extends PersonasynthError {
  readonly status: number | undefined;
  constructor(message: string, options: ErrorOptions & { status?: number; code?: ErrorCode } = {}) {
    super(options.code ?? "PROVIDER", message, options.code === "PROVIDER_AUTH" ? 2 : 1, options);
    this.status = options.status;
  }
}

/** The configured spending cap was reached; the run stopped cleanly and can be resumed. */
export class BudgetExceededError extends PersonasynthError {
  constructor(message: string, options: ErrorOptions = {}) {
    super("BUDGET_EXCEEDED", message, 1, options);
  }
}

/** A store or data file is unreadable, corrupt, or cannot be written. */
export class StoreError extends PersonasynthError {
  constructor(message: string, options: ErrorOptions & { code?: ErrorCode } = {}) {
    super(options.code ?? "STORE_CORRUPT", message, 1, options);
  }
}

/** Input data (a sample, an interaction) does not have the expected shape. */
export class DataError extends PersonasynthError {
  constructor(message: string, options: ErrorOptions = {}) {
    super("DATA_INVALID", message, 1, options);
  }
}

/** The run was interrupted (Ctrl-C); everything finished so far is stored. Exit code 130. */
export class InterruptedError extends PersonasynthError {
  constructor(message = "interrupted", options: ErrorOptions = {}) {
    super("INTERRUPTED", message, 130, {
      hint: "everything finished is stored; rerun the same command to continue",
      ...options,
    });
  }
}

/**
 * The distributed backend cannot work: Redis unreachable, its queue held by another run, a worker
 * whose config does not make the run's data. Exit code 1.
 */
export class BackendError extends PersonasynthError {
  constructor(message: string, options: ErrorOptions = {}) {
    super("BACKEND", message, 1, options);
  }
}

/** A bug: an invariant of the library itself was broken. */
export class InternalError extends PersonasynthError {
  constructor(message: string, options: ErrorOptions = {}) {
    super("INTERNAL", message, 1, options);
  }
}

/** Wraps a Node fs error into a StoreError naming the path, the operation, the cause and the fix. */
export function ioError(operation: string, path: string, cause: unknown): StoreError {
  const error = cause as (NodeJS.ErrnoException & { dest?: string }) | undefined;
  const code = error?.code;
  const known = code === undefined ? undefined : IO_REASONS[code];
  // The level that failed: for a rename, its destination (not the temporary file it came from).
  const failed = error?.syscall === "rename" ? error.dest : error?.path;
  const inTheWay = code === "ENOTDIR" ? fileInTheWay(failed ?? path) : undefined;
  let reason = known?.reason ?? (cause instanceof Error ? cause.message : String(cause));
  // The level that failed, when it is not the path itself (`--out /proc/x` fails at /proc/x).
  let at = typeof failed === "string" && failed !== path && known ? ` (${failed})` : "";
  if (inTheWay !== undefined) {
    reason = inTheWay === path ? "it is a file, not a directory" : `${inTheWay} is a file, not a directory`;
    at = "";
  }
  return new StoreError(`cannot ${operation}: ${reason}${at}`, {
    code: "IO",
    where: path,
    cause,
    ...(known?.hint ? { hint: known.hint } : {}),
  });
}

/** The file (not a directory) that `path` or one of its parents is, which ENOTDIR stumbled on. */
function fileInTheWay(path: string): string | undefined {
  for (let at = path; ; at = dirname(at)) {
    try {
      if (!statSync(at).isDirectory()) return at;
    } catch {
      // Missing or unreadable: look at its parent.
    }
    if (dirname(at) === at) return undefined;
  }
}

/** What an errno code means, and what to do about it. */
const IO_REASONS: Record<string, { reason: string; hint?: string }> = {
  ENOENT: { reason: "no such file or directory" },
  EACCES: { reason: "permission denied", hint: "check the permissions of that path" },
  EPERM: { reason: "operation not permitted", hint: "check the permissions of that path" },
  ENOSPC: {
    reason: "no space left on device",
    hint: "free space on that disk (or choose another --out), then rerun the same command",
  },
  EDQUOT: {
    reason: "disk quota exceeded",
    hint: "free space within your quota (or choose another --out), then rerun the same command",
  },
  EROFS: {
    reason: "the filesystem is read-only",
    hint: "choose a writable directory with --out (and llm.cache.path, if set)",
  },
  ENOTSUP: {
    reason: "the filesystem does not allow creating it",
    hint: "choose a directory on a regular disk with --out",
  },
  EISDIR: { reason: "it is a directory", hint: "give the path of a file, not of a directory" },
  ENOTDIR: { reason: "a parent is not a directory", hint: "choose a directory with --out" },
};
