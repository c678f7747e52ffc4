import type { AnthropicClient, MessagesBody } from "../adapters/anthropic.js";
import { type Endpoint, type HttpClient, parseEndpoint } from "../http-client.js";
import { jsonBodyOf, kindForStatus, TransportError } from "../transport-error.js";
import type { BatchApi, BatchLine, BatchState, LineOutcome } from "./batch-api.js";

interface BatchObject {
  id?: string;
  processing_status?: string;
  error?: { message?: string };
}

interface ResultLine {
  custom_id?: string;
  result?: {
    type?: string;
    message?: MessagesBody & { model?: string };
    error?: { type?: string; message?: string; error?: { type?: string; message?: string } };
  };
}

/** Anthropic error types → the HTTP status they stand for. */
const ERROR_STATUS: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
};

/**
 * Anthropic's Message Batches: up to 100,000 requests (256 MB) per batch, models mixed, polled until
 * `ended`, results read as JSONL. The API keeps no tag of ours, so a batch created by a run killed
 * before it wrote the batch id down cannot be found again (that window is one HTTP response long).
 */
export class AnthropicBatchApi implements BatchApi {
  readonly maxLines = 100_000;
  readonly maxBytes = 256 * 1024 * 1024;
  readonly mixesModels = true;
  private readonly endpoint: Endpoint;
  private readonly path: string;
  private readonly headers: Record<string, string>;

  constructor(
    private readonly client: AnthropicClient,
    private readonly http: HttpClient,
    options: { baseUrl: string; apiKey: string | undefined; headers: Record<string, string> },
  ) {
    this.endpoint = parseEndpoint(options.baseUrl);
    this.path = this.endpoint.basePath.endsWith("/v1") ? "/messages/batches" : "/v1/messages/batches";
    this.headers = { ...options.headers, "anthropic-version": "2023-06-01" };
    if (options.apiKey) this.headers["x-api-key"] = options.apiKey;
  }

  encode(line: BatchLine): string {
    return JSON.stringify({ custom_id: line.customId, params: this.client.body(line.request) });
  }

  async submit(encoded: readonly string[]): Promise<string> {
    const batch = jsonBodyOf<BatchObject>(
      await this.http.post(this.endpoint, this.path, this.headers, `{"requests":[${encoded.join(",")}]}`),
    );
    if (!batch.id) throw new TransportError("unparseable", "batch created without an id");
    return batch.id;
  }

  async find(): Promise<string | undefined> {
    return undefined;
  }

  async poll(id: string): Promise<BatchState> {
    const batch = jsonBodyOf<BatchObject>(
      await this.http.request("GET", this.endpoint, `${this.path}/${id}`, this.headers),
    );
    const status = batch.processing_status ?? "unknown";
    return { finished: status === "ended", status };
  }

  async results(id: string): Promise<Map<string, LineOutcome>> {
    const response = await this.http.request(
      "GET",
      this.endpoint,
      `${this.path}/${id}/results`,
      this.headers,
    );
    if (response.status < 200 || response.status >= 300)
      throw new TransportError(
        kindForStatus(response.status),
        `HTTP ${response.status} reading the results of ${id}`,
      );
    const out = new Map<string, LineOutcome>();
    for (const text of response.body.split("\n")) {
      if (text.trim() === "") continue;
      const line = JSON.parse(text) as ResultLine;
      if (line.custom_id) out.set(line.custom_id, this.outcome(line));
    }
    return out;
  }

  async cancel(id: string): Promise<void> {
    jsonBodyOf<BatchObject>(
      await this.http.post(this.endpoint, `${this.path}/${id}/cancel`, this.headers, "{}"),
    );
  }

  private outcome(line: ResultLine): LineOutcome {
    const result = line.result;
    if (result?.type === "succeeded" && result.message) {
      try {
        const model = result.message.model ?? "";
        return {
          ok: true,
          result: this.client.result(result.message, { model, messages: [], params: {} }, 200),
        };
      } catch (error) {
        if (error instanceof TransportError) return { ok: false, error };
        throw error;
      }
    }
    if (result?.type === "errored") {
      const error = result.error?.error ?? result.error;
      const status = ERROR_STATUS[error?.type ?? ""] ?? 500;
      return {
        ok: false,
        error: new TransportError(kindForStatus(status), error?.message ?? "line errored", { status }),
      };
    }
    // canceled or expired: the request was never run; the next round sends it again.
    return { ok: false, error: new TransportError("timeout", `line ${result?.type ?? "without a result"}`) };
  }
}
