import http from "node:http";
import https from "node:https";
import { fromNetworkError, TransportError } from "./transport-error.js";
import type { CancelSignal } from "./types.js";

/** A finished HTTP response with its whole body. */
export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

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

/**
 * Minimal keep-alive HTTP client for JSON APIs: one POST, the whole body back, failures classified
 * (reset, truncated body, abort). It never retries. Built on node:http because it costs the least
 * CPU per call of the options available on Node 20.
 */
export class HttpClient {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(options: { maxSockets?: number } = {}) {
    const agentOptions = {
      keepAlive: true,
      keepAliveMsecs: 30_000,
      maxSockets: options.maxSockets ?? 256,
      scheduling: "lifo" as const,
    };
    this.httpAgent = new http.Agent(agentOptions);
    this.httpsAgent = new https.Agent(agentOptions);
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
    return new Promise<HttpResponse>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new TransportError("aborted", "request aborted"));
        return;
      }
      // A string body goes out in one write together with the headers (a Buffer would make Node
      // write headers and body separately): one syscall per request instead of a writev of two.
      const request = (endpoint.secure ? https : http).request({
        agent: endpoint.secure ? this.httpsAgent : this.httpAgent,
        hostname: endpoint.hostname,
        port: endpoint.port,
        path: endpoint.basePath + path,
        method,
        headers: {
          ...headers,
          ...(body === undefined ? {} : { "content-length": Buffer.byteLength(body) }),
          accept: "application/json",
        },
      });
      let settled = false;
      const fail = (error: TransportError) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener("abort", onAbort);
        reject(error);
      };
      const onAbort = () => {
        request.destroy();
        fail(new TransportError("aborted", "request aborted"));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      request.on("error", (error) => fail(fromNetworkError(error)));
      request.on("response", (response) => {
        const chunks: Buffer[] = [];
        let received = 0;
        response.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          received += chunk.length;
        });
        response.on("aborted", () => fail(new TransportError("truncated", "response cut off mid-body")));
        response.on("error", (error) =>
          fail(new TransportError("truncated", "response cut off mid-body", { cause: error })),
        );
        response.on("end", () => {
          const expected = Number(response.headers["content-length"]);
          if (!response.complete || (Number.isFinite(expected) && received < expected)) {
            fail(
              new TransportError("truncated", `response body ended after ${received} of ${expected} bytes`),
            );
            return;
          }
          if (settled) return;
          settled = true;
          signal?.removeEventListener("abort", onAbort);
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body:
              chunks.length === 1
                ? (chunks[0] as Buffer).toString("utf8")
                : Buffer.concat(chunks).toString("utf8"),
          });
        });
      });
      request.end(body);
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
