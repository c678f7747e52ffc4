import { connect as connectTcp } from "node:net";
import { connect as connectTls } from "node:tls";
import { HttpConnection, type HttpResponse } from "./http-connection.js";
import { TransportError } from "./transport-error.js";
import type { CancelSignal } from "./types.js";

export type { HttpResponse } from "./http-connection.js";

/** A parsed endpoint, so the per-call path does no URL parsing. */
export interface Endpoint {
  secure: boolean;
  hostname: string;
  port: number;
  /** Path prefix without trailing slash, e.g. `/v1`. */
  basePath: string;
}

export function parseEndpoint(baseUrl: string): Endpoint {
  const url = new URL(baseUrl);
  const secure = url.protocol === "https:";
  return {
    secure,
    hostname: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port ? Number(url.port) : secure ? 443 : 80,
    basePath: url.pathname.replace(/\/+$/, ""),
  };
}

/** A plain connection's read buffer: an API's answer mostly arrives in one read. */
const READ_BUFFER_BYTES = 64 * 1024;

/** Requests waiting for a connection to an endpoint at its socket limit. */
interface Waiter {
  start: (connection: HttpConnection) => void;
  fail: (error: TransportError) => void;
}

/** The connections to one host and port. */
interface Pool {
  /** Open connections with no request under way; the most recently used is taken first. */
  idle: HttpConnection[];
  /** Every open connection, idle or not. */
  open: Set<HttpConnection>;
  waiting: Waiter[];
}

/**
 * Minimal keep-alive HTTP/1.1 client for JSON APIs: one request, the whole body back, failures
 * classified (refused, reset, truncated body, abort). It never retries: the scheduler does. Each
 * endpoint gets a pool of persistent connections (see HttpConnection), at most `maxSockets` open.
 */
export class HttpClient {
  private readonly pools = new Map<string, Pool>();
  private readonly maxSockets: number;
  /** Extra trusted certificates for TLS (a private gateway's CA); the system's are trusted anyway. */
  private readonly ca: string | undefined;

  constructor(options: { maxSockets?: number; ca?: string } = {}) {
    this.maxSockets = options.maxSockets ?? 256;
    this.ca = options.ca;
  }

  /** POST a JSON body. */
  post(
    endpoint: Endpoint,
    path: string,
    headers: Record<string, string>,
    body: string,
    signal?: CancelSignal,
  ): Promise<HttpResponse> {
    return this.request(
      "POST",
      endpoint,
      path,
      { "content-type": "application/json", ...headers },
      body,
      signal,
    );
  }

  /** Any request (the batch APIs' GETs and file uploads); `headers` carry the content type of a body. */
  request(
    method: "GET" | "POST",
    endpoint: Endpoint,
    path: string,
    headers: Record<string, string>,
    body?: string,
    signal?: CancelSignal,
  ): Promise<HttpResponse> {
    if (signal?.aborted) return Promise.reject(new TransportError("aborted", "request aborted"));
    let head = `${method} ${endpoint.basePath}${path} HTTP/1.1\r\nhost: ${hostHeader(endpoint)}\r\n`;
    for (const name in headers) {
      const value = headers[name] as string;
      if (/[\r\n]/.test(name) || /[\r\n]/.test(value))
        return Promise.reject(
          new TransportError("bad_request", `header ${JSON.stringify(name)} contains a line break`),
        );
      head += `${name}: ${value}\r\n`;
    }
    if (body !== undefined) head += `content-length: ${Buffer.byteLength(body)}\r\n`;
    head += "accept: application/json\r\n\r\n";
    return new Promise<HttpResponse>((resolve, reject) => {
      let connection: HttpConnection | undefined;
      let settled = false;
      const settle = () => {
        settled = true;
        signal?.removeEventListener("abort", onAbort);
      };
      const onAbort = () => {
        if (settled) return;
        settle();
        const error = new TransportError("aborted", "request aborted");
        if (connection) connection.destroy(error);
        else {
          pool.waiting.splice(pool.waiting.indexOf(waiter), 1);
          reject(error);
        }
      };
      const waiter: Waiter = {
        start: (taken) => {
          connection = taken;
          taken.send(head, body, {
            resolve: (response) => {
              settle();
              resolve(response);
            },
            reject: (error) => {
              settle();
              reject(error);
            },
          });
        },
        fail: (error) => {
          settle();
          reject(error);
        },
      };
      const pool = this.poolOf(endpoint);
      signal?.addEventListener("abort", onAbort, { once: true });
      const idle = pool.idle.pop();
      if (idle) waiter.start(idle);
      else if (pool.open.size < this.maxSockets) waiter.start(this.connect(endpoint, pool));
      else pool.waiting.push(waiter);
    });
  }

  /** Closes every connection; requests under way or waiting fail. */
  close(): void {
    for (const pool of this.pools.values()) {
      const closing = new TransportError("network", "connection failed (client closed)");
      for (const waiter of pool.waiting.splice(0)) waiter.fail(closing);
      for (const connection of [...pool.open]) connection.destroy(closing);
    }
  }

  private poolOf(endpoint: Endpoint): Pool {
    const key = `${endpoint.secure ? "https" : "http"}://${endpoint.hostname}:${endpoint.port}`;
    let pool = this.pools.get(key);
    if (!pool) {
      pool = { idle: [], open: new Set(), waiting: [] };
      this.pools.set(key, pool);
    }
    return pool;
  }

  private connect(endpoint: Endpoint, pool: Pool): HttpConnection {
    let connection: HttpConnection | undefined;
    const socket = endpoint.secure
      ? connectTls({
          host: endpoint.hostname,
          port: endpoint.port,
          ALPNProtocols: ["http/1.1"],
          ...(isIp(endpoint.hostname) ? {} : { servername: endpoint.hostname }),
          ...(this.ca === undefined ? {} : { ca: this.ca }),
        })
      : connectTcp({
          host: endpoint.hostname,
          port: endpoint.port,
          // Plain TCP reads into one buffer of the connection's and go straight to the parser (a copy
          // it may keep), not through the stream machinery (push, a 'data' event) at every read.
          onread: {
            buffer: Buffer.allocUnsafe(READ_BUFFER_BYTES),
            callback: (bytes, buffer) => {
              connection?.received(Buffer.from(buffer.subarray(0, bytes)));
              return true; // keep reading
            },
          },
        });
    connection = new HttpConnection(
      socket,
      endpoint.secure ? "events" : "given",
      (idle) => {
        const next = pool.waiting.shift();
        if (next) next.start(idle);
        else {
          idle.unref();
          pool.idle.push(idle);
        }
      },
      (closed) => {
        pool.open.delete(closed);
        const at = pool.idle.indexOf(closed);
        if (at >= 0) pool.idle.splice(at, 1);
        // A request waiting for a free socket gets a new one in place of the closed one.
        const next = pool.waiting.shift();
        if (next) next.start(this.connect(endpoint, pool));
      },
    );
    pool.open.add(connection);
    return connection;
  }
}

/** The Host header: the name (an IPv6 address in brackets) and the port unless it is the default. */
function hostHeader(endpoint: Endpoint): string {
  const host = endpoint.hostname.includes(":") ? `[${endpoint.hostname}]` : endpoint.hostname;
  return endpoint.port === (endpoint.secure ? 443 : 80) ? host : `${host}:${endpoint.port}`;
}

function isIp(hostname: string): boolean {
  return /^[\d.]+$/.test(hostname) || hostname.includes(":");
}
