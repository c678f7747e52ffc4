/**
 * What went wrong with one HTTP attempt, classified by status and error code (never by message text),
 * so the scheduler — the only retry layer — can decide.
 */
export type FailureKind =
  | "rate_limited" // 429
  | "server" // 5xx, 408, 409, 529
  | "auth" // 401, 403
  | "bad_request" // other 4xx: retrying the same request cannot help
  | "unreachable" // no connection could be made: refused, unknown host, no route
  | "network" // reset, socket hang up, a connection lost mid-way
  | "truncated" // body shorter than announced, or cut mid-way
  | "unparseable" // 2xx whose body is not the expected JSON
  | "timeout" // no answer in time
  | "empty" // a well-formed answer with no content
  | "aborted"; // the caller cancelled

export class TransportError extends Error {
  readonly kind: FailureKind;
  readonly status: number | undefined;
  /** Delay the server asked for (Retry-After / retry-after-ms), in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(
    kind: FailureKind,
    message: string,
    options: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "TransportError";
    this.kind = kind;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** Whether another attempt of the same request may succeed. */
  get retryable(): boolean {
    return this.kind !== "auth" && this.kind !== "bad_request" && this.kind !== "aborted";
  }
}

/** Classifies an HTTP status. */
export function kindForStatus(status: number): FailureKind {
  if (status === 429) return "rate_limited";
  if (status === 401 || status === 403) return "auth";
  if (status === 408 || status === 409 || status >= 500) return "server";
  return "bad_request";
}

/** Reads `retry-after-ms` (milliseconds) or `Retry-After` (seconds or an HTTP date). */
export function retryAfterFrom(
  headers: Record<string, string | string[] | undefined>,
  now: number,
): number | undefined {
  const ms = first(headers["retry-after-ms"]);
  if (ms !== undefined && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = first(headers["retry-after"]);
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const NETWORK_CODES = new Set(["ECONNRESET", "EPIPE", "ETIMEDOUT", "ECONNABORTED", "UND_ERR_SOCKET"]);

/** Codes of a connection that was never made, with how to say it. */
const UNREACHABLE_CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "unknown host",
  EAI_AGAIN: "host name lookup failed",
  EHOSTUNREACH: "no route to host",
  ENETUNREACH: "network unreachable",
};

/** Classifies a socket-level error by its code. */
export function fromNetworkError(error: unknown): TransportError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ABORT_ERR" || (error as Error | undefined)?.name === "AbortError") {
    return new TransportError("aborted", "request aborted", { cause: error });
  }
  const unreachable = code === undefined ? undefined : UNREACHABLE_CODES[code];
  if (unreachable) return new TransportError("unreachable", `${unreachable} (${code})`, { cause: error });
  const what = code !== undefined && NETWORK_CODES.has(code) ? code : (code ?? "socket error");
  return new TransportError("network", `connection failed (${what})`, { cause: error });
}

/**
 * The JSON body of a provider response, or the classified failure: a non-2xx status (with its
 * Retry-After and the provider's error message) or a 2xx body that is not JSON.
 */
export function jsonBodyOf<T extends { error?: { message?: string } }>(response: {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}): T {
  const ok = response.status >= 200 && response.status < 300;
  let parsed: T;
  try {
    parsed = JSON.parse(response.body) as T;
  } catch {
    if (ok) throw new TransportError("unparseable", "response body is not JSON", { status: response.status });
    parsed = {} as T;
  }
  if (!ok) {
    const retryAfterMs = retryAfterFrom(response.headers, Date.now());
    throw new TransportError(
      kindForStatus(response.status),
      `HTTP ${response.status}: ${parsed.error?.message ?? "request failed"}`,
      {
        status: response.status,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      },
    );
  }
  return parsed;
}
