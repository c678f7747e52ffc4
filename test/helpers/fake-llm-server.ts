// A real local HTTP server that speaks just enough of the OpenAI chat completions API and the Anthropic
// Messages API for tests and benchmarks: normal and streamed (SSE) replies, structured-output replies built
// from the request's JSON schema, API-shaped errors, injected faults (status codes, connection resets,
// truncated and malformed bodies, hangs), a concurrency cap answering 429, and request/statistics capture.
//
// It runs in the same process as the client under test, at up to ~1000 requests/s, so the per-request
// path stays cheap: no logging, no cloning, one serialisation per response, timers only when latency is set.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { FakeBatchApi, type FakeBatchOptions, type FakeBatchStats } from "./fake-batch-api.js";
import { FakePromptCache } from "./fake-prompt-cache.js";

export interface FakeRequest {
  /** Arrival order, from 0 (restarts at 0 after `reset()`). */
  index: number;
  api: "openai" | "anthropic";
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body (`undefined` until the body has arrived, or when it was not valid JSON). */
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are arbitrary JSON that tests inspect freely
  body: any;
  stream: boolean;
}

export type FakeReply =
  | { text: string; usage?: { input: number; output: number }; finish?: string }
  | { json: unknown };

export type FakeFault =
  | { kind: "status"; status: number; retryAfterSeconds?: number; retryAfterMs?: number; body?: string }
  | { kind: "reset" }
  | { kind: "truncated" }
  | { kind: "hang" }
  | { kind: "malformed" };

/** Names of the faults that can be injected by probability (`FakeServerOptions.faults`). */
export type FakeFaultName =
  | "status500"
  | "status503"
  | "status429"
  | "reset"
  | "truncated"
  | "hang"
  | "malformed";

export interface FakeServerOptions extends FakeBatchOptions {
  /** Delay before answering each accepted request (default 0: answered synchronously, no timer). */
  latencyMs?: number;
  /** Extra uniform random delay in [0, latencyJitterMs). */
  latencyJitterMs?: number;
  /** Above this many in-flight requests, answer 429 at once (default: unlimited). */
  maxConcurrent?: number;
  /** Retry delay advertised by server-made 429s (cap and `faults.status429`): `retry-after-ms` and
   *  `Retry-After` in whole seconds rounded up. Default 100. */
  retryAfterOnCapMs?: number;
  /** Per-request probabilities, drawn in this key order from one uniform number per request. */
  faults?: { [K in FakeFaultName]?: number };
  /** Seed of the fault draw; the draw is a hash of (seed, request index), so it is reproducible. Default 1. */
  faultSeed?: number;
  /** Explicit fault for a request; `undefined` falls back to `faults` probabilities. */
  script?: (req: FakeRequest) => FakeFault | undefined;
  /** Reply for a normal (non-faulted) request; default: schema-conforming JSON or `reply #i to: …` text. */
  reply?: (req: FakeRequest) => FakeReply | Promise<FakeReply>;
  /** When set, requests without `Authorization: Bearer <key>` (OpenAI) / `x-api-key: <key>` (Anthropic) get 401. */
  requireKey?: string;
  /** Report prompt caching as the APIs do (fake-prompt-cache.ts): OpenAI's automatic prefix cache,
   *  Anthropic's `cache_control` breakpoints. Default off. */
  promptCache?: boolean;
  /** Counts the tokens of a text for the usage of default-usage replies (default: ⌈characters / 4⌉). */
  countTokens?: (text: string) => number;
  /** Keep every routed request in `requests` (default true). Benchmarks turn it off: thousands of
   *  parsed bodies kept alive made the server's own garbage collection pause for up to 130 ms at a
   *  time, every slot stalled at once, which the efficiency figure then charged to the client. */
  keepRequests?: boolean;
  /** Record the number of accepted requests in flight at every change (`stats().occupancy`), so a
   *  benchmark can say where the endpoint's slot time went (filling up, steady state, the tail). */
  recordOccupancy?: boolean;
}

export interface FakeServerStats {
  /** Requests routed to an API (auth failures, cap rejections and faults included). */
  received: number;
  /** Normal replies sent in full. */
  completed: number;
  /** Faults by name: the `FakeFaultName`s, `status<N>` for scripted status faults, `status401` for auth
   *  failures, `status400` for unparseable bodies, `replyError` when `reply`/`script` threw. */
  faulted: Record<string, number>;
  /** Highest number of accepted requests in flight at once. */
  maxInFlight: number;
  /** Requests answered 429 by the concurrency cap (not counted in `faulted`). */
  rejectedByCap: number;
  /** Accepted requests in flight now (hung ones included until their client goes away). */
  inFlight: number;
  /** When the first request arrived and the last normal reply was sent, in this process's
   *  `performance.now()` milliseconds (undefined before any): the run's span as the endpoint sees it. */
  firstRequestMs: number | undefined;
  lastReplyMs: number | undefined;
  /** With `recordOccupancy`: [ms since the first request, requests in flight from then on], one pair per
   *  change. */
  occupancy?: Array<[number, number]>;
}

export interface FakeLlmServer {
  /** e.g. `http://127.0.0.1:PORT`; OpenAI base URL is `${url}/v1`, Anthropic base URL is `${url}`. */
  url: string;
  /** Every routed request, in arrival order (same array for the server's life; `reset()` empties it). */
  requests: FakeRequest[];
  stats(): FakeServerStats;
  /** Clears `requests` and the statistics, and restarts the request index (and so the fault sequence). */
  reset(): void;
  /** Stops listening, destroys every open socket (hung requests included) and cancels pending replies. */
  close(): Promise<void>;
  /** What the batch APIs received (fake-batch-api.ts). */
  batchStats(): FakeBatchStats;
}

type Api = FakeRequest["api"];
type Json = Record<string, unknown>;

const FAULT_NAMES: readonly FakeFaultName[] = [
  "status500",
  "status503",
  "status429",
  "reset",
  "truncated",
  "hang",
  "malformed",
];
const JSON_OBJECT_MODE = Symbol("json_object");

export async function startFakeLlmServer(options: FakeServerOptions = {}): Promise<FakeLlmServer> {
  const latencyMs = Math.max(0, options.latencyMs ?? 0);
  const jitterMs = Math.max(0, options.latencyJitterMs ?? 0);
  const maxConcurrent = options.maxConcurrent ?? Number.POSITIVE_INFINITY;
  const serverRetryMs = options.retryAfterOnCapMs ?? 100;
  const faultTable = buildFaultTable(options.faults);
  const seed = foldSeed(options.faultSeed ?? 1);
  const { script, reply, requireKey } = options;
  const keepRequests = options.keepRequests ?? true;
  const countText = options.countTokens ?? ((text: string) => tokens(text.length));
  const usageOf = usageCounter(
    options.promptCache ? new FakePromptCache(countText) : undefined,
    options.countTokens,
  );
  let batchIndex = 0;
  // A batch line is answered like the same request in realtime (index aside: lines count apart).
  const batchApi = new FakeBatchApi(async (api, body) => {
    const fr: FakeRequest = {
      index: batchIndex++,
      api,
      path: "(batch line)",
      headers: {},
      body,
      stream: false,
    };
    const r = reply ? await reply(fr) : defaultReply(fr);
    return JSON.parse(render(fr, r, usageOf).payload);
  }, options);

  const requests: FakeRequest[] = [];
  let nextIndex = 0;
  let received = 0;
  let completed = 0;
  let faulted: Record<string, number> = {};
  let maxInFlight = 0;
  let rejectedByCap = 0;
  let inFlight = 0;
  let firstRequestMs: number | undefined;
  let lastReplyMs: number | undefined;
  let occupancy: Array<[number, number]> | undefined = options.recordOccupancy ? [] : undefined;
  const occupied = (): void => {
    occupancy?.push([performance.now() - (firstRequestMs ?? 0), inFlight]);
  };
  let closing = false;
  const timers = new Set<NodeJS.Timeout>();

  const bump = (name: string): void => {
    faulted[name] = (faulted[name] ?? 0) + 1;
  };

  const pickFault = (index: number): FakeFault | undefined => {
    if (faultTable.length === 0) return undefined;
    const u = unitHash(seed, index);
    for (const [name, cumulative] of faultTable) {
      if (u < cumulative) return faultFromName(name, serverRetryMs);
    }
    return undefined;
  };

  const finishReply = (fr: FakeRequest, res: ServerResponse, r: FakeReply): void => {
    if (closing || res.destroyed) return;
    const { contentType, payload } = render(fr, r, usageOf);
    if (contentType === SSE) {
      res.writeHead(200, { "content-type": SSE, "cache-control": "no-cache" });
    } else {
      res.writeHead(200, { "content-type": contentType, "content-length": Buffer.byteLength(payload) });
    }
    res.end(payload);
    completed++;
    lastReplyMs = performance.now();
  };

  const replyFailed = (fr: FakeRequest, res: ServerResponse, err: unknown): void => {
    bump("replyError");
    if (closing || res.destroyed) return;
    const message = `fake server: reply/script threw: ${err instanceof Error ? err.message : String(err)}`;
    sendStatus(res, fr.api, { kind: "status", status: 500, body: errorBody(fr.api, 500, message) });
  };

  const sendNormal = (fr: FakeRequest, res: ServerResponse): void => {
    let r: FakeReply | Promise<FakeReply>;
    try {
      r = reply ? reply(fr) : defaultReply(fr);
    } catch (err) {
      replyFailed(fr, res, err);
      return;
    }
    if (r instanceof Promise) {
      r.then(
        (value) => finishReply(fr, res, value),
        (err: unknown) => replyFailed(fr, res, err),
      );
    } else {
      finishReply(fr, res, r);
    }
  };

  const respond = (fr: FakeRequest, res: ServerResponse, fault: FakeFault | undefined): void => {
    if (closing || res.destroyed) return;
    if (fault === undefined) {
      sendNormal(fr, res);
      return;
    }
    bump(fault.kind === "status" ? `status${fault.status}` : fault.kind);
    switch (fault.kind) {
      case "status":
        sendStatus(res, fr.api, fault);
        return;
      case "hang":
        return; // never answer; the socket goes away when the client aborts or the server closes
      case "malformed": {
        const payload = malformedPayload(fr);
        res.writeHead(200, {
          "content-type": fr.stream ? SSE : JSON_TYPE,
          "content-length": Buffer.byteLength(payload),
        });
        res.end(payload);
        return;
      }
      case "reset":
      case "truncated": {
        const { contentType, payload } = render(fr, defaultReply(fr), usageOf);
        const full = Buffer.from(payload);
        const part = full.subarray(0, Math.max(1, full.length >> 1));
        if (fault.kind === "truncated") {
          // Content-Length promises the whole body; half is sent, then the connection is closed.
          res.writeHead(200, {
            "content-type": contentType,
            "content-length": full.length,
            connection: "close",
          });
          res.end(part);
          return;
        }
        res.writeHead(200, { "content-type": contentType, "content-length": full.length });
        const socket = res.socket;
        res.write(part, () => resetSocket(socket));
        return;
      }
    }
  };

  const handle = (fr: FakeRequest, raw: string, res: ServerResponse): void => {
    if (closing) return;
    try {
      fr.body = JSON.parse(raw);
    } catch {
      bump("status400");
      sendStatus(res, fr.api, {
        kind: "status",
        status: 400,
        body: errorBody(fr.api, 400, "fake server: request body is not valid JSON"),
      });
      return;
    }
    fr.stream = isRecord(fr.body) && fr.body.stream === true;
    if (requireKey !== undefined && !authorized(fr, requireKey)) {
      bump("status401");
      const message = "fake server: invalid API key";
      sendStatus(res, fr.api, { kind: "status", status: 401, body: errorBody(fr.api, 401, message) });
      return;
    }
    if (inFlight >= maxConcurrent) {
      rejectedByCap++;
      sendStatus(res, fr.api, { kind: "status", status: 429, retryAfterMs: serverRetryMs });
      return;
    }
    inFlight++;
    occupied();
    if (inFlight > maxInFlight) maxInFlight = inFlight;
    res.once("close", () => {
      inFlight--;
      occupied();
    });
    let fault: FakeFault | undefined;
    try {
      fault = script?.(fr) ?? pickFault(fr.index);
    } catch (err) {
      replyFailed(fr, res, err);
      return;
    }
    const delay = jitterMs > 0 ? latencyMs + Math.random() * jitterMs : latencyMs;
    if (delay <= 0) {
      respond(fr, res, fault);
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      respond(fr, res, fault);
    }, delay);
    timers.add(timer);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q === -1 ? url : url.slice(0, q);
    if (batchApi.handles(path)) {
      let raw = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => {
        raw += chunk;
      });
      req.on("end", () => {
        if (!closing)
          batchApi.handle(req.method ?? "GET", path, raw, String(req.headers["content-type"] ?? ""), res);
      });
      req.on("error", noop);
      return;
    }
    const api = routeOf(path);
    if (api === undefined || req.method !== "POST") {
      const status = api === undefined ? 404 : 405;
      sendStatus(res, "openai", {
        kind: "status",
        status,
        body: errorBody("openai", status, `fake server: no route for ${req.method ?? "?"} ${path}`),
      });
      return;
    }
    const fr: FakeRequest = {
      index: nextIndex++,
      api,
      path,
      headers: req.headers,
      body: undefined,
      stream: false,
    };
    if (keepRequests) requests.push(fr);
    received++;
    firstRequestMs ??= performance.now();
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      raw += chunk;
    });
    req.on("end", () => handle(fr, raw, res));
    req.on("error", noop);
  });
  // Clients keep sockets alive and reuse them; never time a socket (or a hung request) out from our side.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 0;
  server.maxRequestsPerSocket = 0;
  server.timeout = 0;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stats: () => ({
      received,
      completed,
      faulted: { ...faulted },
      maxInFlight,
      rejectedByCap,
      inFlight,
      firstRequestMs,
      lastReplyMs,
      ...(occupancy ? { occupancy: [...occupancy] } : {}),
    }),
    batchStats: () => batchApi.counts(),
    reset: () => {
      requests.length = 0;
      nextIndex = 0;
      received = 0;
      completed = 0;
      faulted = {};
      maxInFlight = inFlight;
      rejectedByCap = 0;
      firstRequestMs = undefined;
      lastReplyMs = undefined;
      if (occupancy) occupancy = [];
    },
    close: () => {
      if (closed) return closed;
      closing = true;
      batchApi.close();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      closed = new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Routing, auth, faults

const SSE = "text/event-stream";
const JSON_TYPE = "application/json";

function noop(): void {}

function routeOf(path: string): Api | undefined {
  // Any base path before it, as gateways use (OpenRouter's is `/api/v1`).
  if (path.endsWith("/chat/completions")) return "openai";
  if (path === "/v1/messages") return "anthropic";
  return undefined;
}

function authorized(fr: FakeRequest, key: string): boolean {
  return fr.api === "openai" ? fr.headers.authorization === `Bearer ${key}` : fr.headers["x-api-key"] === key;
}

function buildFaultTable(faults: FakeServerOptions["faults"]): Array<[FakeFaultName, number]> {
  const table: Array<[FakeFaultName, number]> = [];
  if (!faults) return table;
  let cumulative = 0;
  for (const name of FAULT_NAMES) {
    const p = faults[name] ?? 0;
    if (!(p > 0)) continue;
    cumulative += p;
    table.push([name, cumulative]);
  }
  return table;
}

function faultFromName(name: FakeFaultName, retryMs: number): FakeFault {
  switch (name) {
    case "status500":
      return { kind: "status", status: 500 };
    case "status503":
      return { kind: "status", status: 503 };
    case "status429":
      return { kind: "status", status: 429, retryAfterMs: retryMs };
    default:
      return { kind: name };
  }
}

function foldSeed(seed: number): number {
  const s = Number.isFinite(seed) ? Math.trunc(seed) : 0;
  return (s ^ Math.floor(s / 4294967296)) >>> 0;
}

/** A uniform number in [0, 1) from (seed, index): murmur3's finaliser over a Weyl step. */
function unitHash(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** Sends a TCP RST. Deferred by two event-loop turns so that an in-process client reads the partial body
 *  first: libuv reports a RST that is already pending behind unread data as a plain EOF, not ECONNRESET. */
function resetSocket(socket: Socket | null): void {
  setImmediate(() => setImmediate(() => resetNow(socket)));
}

function resetNow(socket: Socket | null): void {
  if (!socket || socket.destroyed) return;
  if (typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
  else socket.destroy();
}

function sendStatus(res: ServerResponse, api: Api, fault: Extract<FakeFault, { kind: "status" }>): void {
  if (res.destroyed || res.headersSent) return;
  const body = fault.body ?? errorBody(api, fault.status, `fake server: injected status ${fault.status}`);
  const headers: Record<string, string | number> = {
    "content-type": JSON_TYPE,
    "content-length": Buffer.byteLength(body),
  };
  if (fault.retryAfterMs !== undefined) {
    headers["retry-after-ms"] = String(Math.max(0, Math.round(fault.retryAfterMs)));
    headers["retry-after"] = String(Math.max(0, Math.ceil(fault.retryAfterMs / 1000)));
  }
  if (fault.retryAfterSeconds !== undefined) headers["retry-after"] = String(fault.retryAfterSeconds);
  res.writeHead(fault.status, headers);
  res.end(body);
}

function errorBody(api: Api, status: number, message: string): string {
  if (api === "anthropic") {
    const type =
      status === 400
        ? "invalid_request_error"
        : status === 401
          ? "authentication_error"
          : status === 403
            ? "permission_error"
            : status === 404
              ? "not_found_error"
              : status === 413
                ? "request_too_large"
                : status === 429
                  ? "rate_limit_error"
                  : status === 529
                    ? "overloaded_error"
                    : "api_error";
    return JSON.stringify({ type: "error", error: { type, message } });
  }
  const [type, code] =
    status === 401
      ? ["invalid_request_error", "invalid_api_key"]
      : status === 404
        ? ["invalid_request_error", "not_found"]
        : status === 429
          ? ["requests", "rate_limit_exceeded"]
          : status >= 500
            ? ["server_error", null]
            : ["invalid_request_error", null];
  return JSON.stringify({ error: { message, type, param: null, code } });
}

function malformedPayload(fr: FakeRequest): string {
  if (fr.stream) {
    return fr.api === "openai"
      ? 'data: {"id":"chatcmpl-malformed","choices":[{"delta":{"content":"unterminated\n\ndata: [DONE]\n\n'
      : 'event: content_block_delta\ndata: {"type":"content_block_delta","delta":{"text":\n\n' +
          'event: message_stop\ndata: {"type":"message_stop"}\n\n';
  }
  return fr.api === "openai"
    ? '{"id":"chatcmpl-malformed","object":"chat.completion","choices":[{"message":{"content":"unterminated'
    : '{"id":"msg_malformed","type":"message","content":[{"type":"text","text":<html>bad gateway</html>';
}

// ---------------------------------------------------------------------------------------------------------
// Replies

function isRecord(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  let s = "";
  for (const part of content) if (isRecord(part) && typeof part.text === "string") s += part.text;
  return s;
}

function lastUserText(body: unknown): string {
  const messages = isRecord(body) ? body.messages : undefined;
  if (!Array.isArray(messages)) return "";
  for (let i = messages.length - 1; i >= 0; i--) {
    const m: unknown = messages[i];
    if (isRecord(m) && m.role === "user") return textOf(m.content);
  }
  return "";
}

function promptChars(body: unknown): number {
  if (!isRecord(body)) return 0;
  let n = textOf(body.system).length;
  const messages = body.messages;
  if (Array.isArray(messages)) for (const m of messages) if (isRecord(m)) n += textOf(m.content).length;
  return n;
}

function tokens(chars: number): number {
  return Math.max(1, Math.ceil(chars / 4));
}

/** A reply's usage: input split into plain, cache read and cache write; output. */
interface ReplyUsage {
  input: number;
  output: number;
  cachedRead: number;
  cacheWrite: number;
}

type UsageOf = (fr: FakeRequest, text: string) => ReplyUsage;

function usageCounter(
  cache: FakePromptCache | undefined,
  count: ((text: string) => number) | undefined,
): UsageOf {
  return (fr, text) => {
    const input = count ? Math.max(1, count(promptText(fr.body))) : tokens(promptChars(fr.body));
    const output = count ? Math.max(1, count(text)) : tokens(text.length);
    if (!cache) return { input, output, cachedRead: 0, cacheWrite: 0 };
    if (fr.api === "openai")
      return { input, output, cachedRead: cache.openai(fr.body, input), cacheWrite: 0 };
    const split = cache.anthropic(fr.body, input);
    return { input, output, cachedRead: split.cachedRead, cacheWrite: split.cacheWrite };
  };
}

function promptText(body: unknown): string {
  if (!isRecord(body)) return "";
  let s = textOf(body.system);
  const messages = body.messages;
  if (Array.isArray(messages)) for (const m of messages) if (isRecord(m)) s += textOf(m.content);
  return s;
}

/** The JSON schema the request asks its reply to follow, `JSON_OBJECT_MODE` for schema-less JSON mode. */
function structuredSchema(fr: FakeRequest): unknown {
  const body: unknown = fr.body;
  if (!isRecord(body)) return undefined;
  if (fr.api === "openai") {
    const rf = body.response_format;
    if (!isRecord(rf)) return undefined;
    if (rf.type === "json_schema" && isRecord(rf.json_schema) && isRecord(rf.json_schema.schema))
      return rf.json_schema.schema;
    if (rf.type === "json_object" || rf.type === "json_schema") return JSON_OBJECT_MODE;
    return undefined;
  }
  const of = body.output_format;
  if (isRecord(of) && of.type === "json_schema" && isRecord(of.schema)) return of.schema;
  if (Array.isArray(body.tools)) {
    const choice = body.tool_choice;
    const wanted = isRecord(choice) && typeof choice.name === "string" ? choice.name : undefined;
    for (const tool of body.tools) {
      if (!isRecord(tool) || !isRecord(tool.input_schema)) continue;
      if (wanted === undefined || tool.name === wanted) return tool.input_schema;
    }
  }
  return undefined;
}

function defaultReply(fr: FakeRequest): FakeReply {
  const schema = structuredSchema(fr);
  if (schema === undefined) return { text: `reply #${fr.index} to: ${lastUserText(fr.body).slice(0, 40)}` };
  if (schema === JSON_OBJECT_MODE) return { json: { reply: `reply #${fr.index}` } };
  return { json: valueForSchema(schema, "value", schema, 0) };
}

/** A small JSON value satisfying common JSON-schema constraints (deterministic). */
export function valueForSchema(schema: unknown, key: string, root: unknown, depth: number): unknown {
  if (!isRecord(schema) || depth > 12) return null;
  if (typeof schema.$ref === "string")
    return valueForSchema(resolveRef(root, schema.$ref), key, root, depth + 1);
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const union = Array.isArray(schema.anyOf)
    ? schema.anyOf
    : Array.isArray(schema.oneOf)
      ? schema.oneOf
      : null;
  if (union && union.length > 0) {
    const option = union.find((o: unknown) => !(isRecord(o) && o.type === "null")) ?? union[0];
    return valueForSchema(option, key, root, depth + 1);
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    let merged: unknown;
    for (const part of schema.allOf) {
      const v = valueForSchema(part, key, root, depth + 1);
      merged = isRecord(merged) && isRecord(v) ? { ...merged, ...v } : (merged ?? v);
    }
    return merged;
  }
  let type: unknown = schema.type;
  if (Array.isArray(type)) type = type.find((t) => t !== "null") ?? "null";
  if (type === undefined) {
    type = isRecord(schema.properties)
      ? "object"
      : schema.items !== undefined || schema.prefixItems !== undefined
        ? "array"
        : "string";
  }
  switch (type) {
    case "object": {
      const out: Json = {};
      const props = isRecord(schema.properties) ? schema.properties : {};
      for (const k of Object.keys(props)) out[k] = valueForSchema(props[k], k, root, depth + 1);
      if (Array.isArray(schema.required))
        for (const k of schema.required) if (typeof k === "string" && !(k in out)) out[k] = `${k}-1`;
      return out;
    }
    case "array": {
      if (Array.isArray(schema.prefixItems))
        return schema.prefixItems.map((s: unknown, i: number) =>
          valueForSchema(s, `${key}${i}`, root, depth + 1),
        );
      const max = typeof schema.maxItems === "number" ? schema.maxItems : Number.POSITIVE_INFINITY;
      const n = Math.min(max, Math.max(1, typeof schema.minItems === "number" ? schema.minItems : 1));
      const out: unknown[] = [];
      for (let i = 0; i < n; i++) out.push(valueForSchema(schema.items ?? {}, key, root, depth + 1));
      return out;
    }
    case "string": {
      let s =
        schema.format === "date-time"
          ? "2024-01-01T00:00:00Z"
          : schema.format === "date"
            ? "2024-01-01"
            : schema.format === "email"
              ? "user@example.com"
              : schema.format === "uri" || schema.format === "url"
                ? "https://example.com/"
                : schema.format === "uuid"
                  ? "00000000-0000-4000-8000-000000000000"
                  : `${key}-1`;
      if (typeof schema.minLength === "number" && s.length < schema.minLength)
        s = s.padEnd(schema.minLength, "x");
      if (typeof schema.maxLength === "number" && s.length > schema.maxLength)
        s = s.slice(0, schema.maxLength);
      return s;
    }
    case "number":
    case "integer": {
      let n =
        typeof schema.minimum === "number"
          ? schema.minimum
          : typeof schema.exclusiveMinimum === "number"
            ? schema.exclusiveMinimum + (type === "integer" ? 1 : 0.5)
            : 1;
      if (typeof schema.maximum === "number" && n > schema.maximum) n = schema.maximum;
      return type === "integer" ? Math.ceil(n) : n;
    }
    case "boolean":
      return true;
    default:
      return null;
  }
}

function resolveRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split("/")) {
    if (raw === "") continue;
    const part = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    node = isRecord(node) ? node[part] : undefined;
  }
  return node;
}

function splitText(text: string): string[] {
  if (text.length <= 1) return text.length === 0 ? [] : [text];
  const pieces = Math.min(4, text.length);
  const size = Math.ceil(text.length / pieces);
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    const c = text.charCodeAt(end);
    if (end < text.length && c >= 0xdc00 && c <= 0xdfff) end++; // don't split a surrogate pair
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

function render(fr: FakeRequest, r: FakeReply, usageOf: UsageOf): { contentType: string; payload: string } {
  const text = "text" in r ? r.text : JSON.stringify(r.json);
  const given = "text" in r ? r.usage : undefined;
  const usage: ReplyUsage = given ? { ...given, cachedRead: 0, cacheWrite: 0 } : usageOf(fr, text);
  const finish = "text" in r ? r.finish : undefined;
  const body: Json = isRecord(fr.body) ? fr.body : {};
  const model = typeof body.model === "string" ? body.model : "fake-model";
  if (fr.api === "openai") {
    const reason =
      finish === undefined || finish === "end_turn" ? "stop" : finish === "max_tokens" ? "length" : finish;
    const created = Math.floor(Date.now() / 1000);
    const id = `chatcmpl-fake-${fr.index}`;
    if (!fr.stream) {
      const payload = JSON.stringify({
        id,
        object: "chat.completion",
        created,
        model,
        choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: reason }],
        usage: {
          prompt_tokens: usage.input,
          completion_tokens: usage.output,
          total_tokens: usage.input + usage.output,
          ...(usage.cachedRead > 0 ? { prompt_tokens_details: { cached_tokens: usage.cachedRead } } : {}),
        },
      });
      return { contentType: JSON_TYPE, payload };
    }
    const so = body.stream_options;
    const includeUsage = isRecord(so) && so.include_usage === true;
    const tail = includeUsage ? ',"usage":null}\n\n' : "}\n\n";
    const head = `data: {"id":"${id}","object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(model)},"choices":`;
    let s = `${head}[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]${tail}`;
    for (const piece of splitText(text))
      s += `${head}[{"index":0,"delta":{"content":${JSON.stringify(piece)}},"finish_reason":null}]${tail}`;
    s += `${head}[{"index":0,"delta":{},"finish_reason":${JSON.stringify(reason)}}]${tail}`;
    if (includeUsage)
      s += `${head}[],"usage":{"prompt_tokens":${usage.input},"completion_tokens":${usage.output},"total_tokens":${usage.input + usage.output}}}\n\n`;
    s += "data: [DONE]\n\n";
    return { contentType: SSE, payload: s };
  }
  const reason =
    finish === undefined || finish === "stop" ? "end_turn" : finish === "length" ? "max_tokens" : finish;
  const id = `msg_fake_${fr.index}`;
  if (!fr.stream) {
    const payload = JSON.stringify({
      id,
      type: "message",
      role: "assistant",
      model,
      content: [{ type: "text", text }],
      stop_reason: reason,
      stop_sequence: null,
      usage: {
        input_tokens: usage.input - usage.cachedRead - usage.cacheWrite,
        output_tokens: usage.output,
        ...(usage.cachedRead + usage.cacheWrite > 0
          ? {
              cache_read_input_tokens: usage.cachedRead,
              cache_creation_input_tokens: usage.cacheWrite,
            }
          : {}),
      },
    });
    return { contentType: JSON_TYPE, payload };
  }
  let s =
    `event: message_start\ndata: {"type":"message_start","message":{"id":"${id}","type":"message","role":"assistant","model":${JSON.stringify(model)},"content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":${usage.input},"output_tokens":1}}}\n\n` +
    'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n' +
    'event: ping\ndata: {"type":"ping"}\n\n';
  for (const piece of splitText(text))
    s += `event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":${JSON.stringify(piece)}}}\n\n`;
  s +=
    'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n' +
    `event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":${JSON.stringify(reason)},"stop_sequence":null},"usage":{"output_tokens":${usage.output}}}\n\n` +
    'event: message_stop\ndata: {"type":"message_stop"}\n\n';
  return { contentType: SSE, payload: s };
}
