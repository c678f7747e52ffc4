import type { ChatCompletionBody, OpenAiCompatibleClient } from "../adapters/openai-compatible.js";
import { type Endpoint, type HttpClient, parseEndpoint } from "../http-client.js";
import { jsonBodyOf, kindForStatus, TransportError } from "../transport-error.js";
import type { BatchApi, BatchLine, BatchState, LineOutcome } from "./batch-api.js";

interface BatchObject {
  id?: string;
  status?: string;
  output_file_id?: string | null;
  error_file_id?: string | null;
  metadata?: Record<string, string> | null;
  error?: { message?: string };
}

interface OutputLine {
  custom_id?: string;
  response?: { status_code?: number; body?: ChatCompletionBody } | null;
  error?: { code?: string; message?: string } | null;
}

const FINISHED = new Set(["completed", "failed", "expired", "cancelled"]);
const METADATA_KEY = "personasynth_batch";

/**
 * OpenAI's Batch API: the lines go up as a JSONL file (`purpose: batch`), a batch is created on it
 * (`/v1/chat/completions`, 24 h window, our tag in its metadata), polled, and its output and error
 * files are read. At most 50,000 lines and 200 MB per batch, one model per file.
 */
export class OpenAiBatchApi implements BatchApi {
  readonly maxLines = 50_000;
  readonly maxBytes = 200 * 1024 * 1024;
  readonly mixesModels = false;
  private readonly endpoint: Endpoint;
  private readonly headers: Record<string, string>;

  constructor(
    private readonly client: OpenAiCompatibleClient,
    private readonly http: HttpClient,
    options: { baseUrl: string; apiKey: string | undefined; headers: Record<string, string> },
  ) {
    this.endpoint = parseEndpoint(options.baseUrl);
    this.headers = { ...options.headers };
    if (options.apiKey) this.headers.authorization = `Bearer ${options.apiKey}`;
  }

  encode(line: BatchLine): string {
    return JSON.stringify({
      custom_id: line.customId,
      method: "POST",
      url: "/v1/chat/completions",
      body: this.client.body(line.request),
    });
  }

  async submit(encoded: readonly string[], tag: string): Promise<string> {
    const boundary = `personasynth${tag.slice(0, 24)}`;
    const form =
      `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="batch-${tag.slice(0, 16)}.jsonl"\r\n` +
      `Content-Type: application/jsonl\r\n\r\n${encoded.join("\n")}\n\r\n--${boundary}--\r\n`;
    const file = jsonBodyOf<{ id?: string; error?: { message?: string } }>(
      await this.http.request(
        "POST",
        this.endpoint,
        "/files",
        { ...this.headers, "content-type": `multipart/form-data; boundary=${boundary}` },
        form,
      ),
    );
    if (!file.id) throw new TransportError("unparseable", "file upload answered without an id");
    const batch = jsonBodyOf<BatchObject>(
      await this.http.post(
        this.endpoint,
        "/batches",
        this.headers,
        JSON.stringify({
          input_file_id: file.id,
          endpoint: "/v1/chat/completions",
          completion_window: "24h",
          metadata: { [METADATA_KEY]: tag },
        }),
      ),
    );
    if (!batch.id) throw new TransportError("unparseable", "batch created without an id");
    return batch.id;
  }

  async find(tag: string): Promise<string | undefined> {
    const list = jsonBodyOf<{ data?: BatchObject[]; error?: { message?: string } }>(
      await this.http.request("GET", this.endpoint, "/batches?limit=100", this.headers),
    );
    return list.data?.find(
      (b) =>
        b.metadata?.[METADATA_KEY] === tag && !["failed", "expired", "cancelled"].includes(b.status ?? ""),
    )?.id;
  }

  async poll(id: string): Promise<BatchState> {
    const batch = await this.get(id);
    return { finished: FINISHED.has(batch.status ?? ""), status: batch.status ?? "unknown" };
  }

  async results(id: string): Promise<Map<string, LineOutcome>> {
    const batch = await this.get(id);
    const out = new Map<string, LineOutcome>();
    for (const fileId of [batch.output_file_id, batch.error_file_id]) {
      if (!fileId) continue;
      const response = await this.http.request(
        "GET",
        this.endpoint,
        `/files/${fileId}/content`,
        this.headers,
      );
      if (response.status < 200 || response.status >= 300)
        throw new TransportError(kindForStatus(response.status), `HTTP ${response.status} reading ${fileId}`);
      for (const text of response.body.split("\n")) {
        if (text.trim() === "") continue;
        const line = JSON.parse(text) as OutputLine;
        if (line.custom_id) out.set(line.custom_id, this.outcome(line));
      }
    }
    return out;
  }

  async cancel(id: string): Promise<void> {
    jsonBodyOf<BatchObject>(await this.http.post(this.endpoint, `/batches/${id}/cancel`, this.headers, "{}"));
  }

  private async get(id: string): Promise<BatchObject> {
    return jsonBodyOf<BatchObject>(
      await this.http.request("GET", this.endpoint, `/batches/${id}`, this.headers),
    );
  }

  private outcome(line: OutputLine): LineOutcome {
    const status = line.response?.status_code;
    if (status === 200 && line.response?.body) {
      try {
        const body = line.response.body;
        return { ok: true, result: this.client.result(body, { model: body.model ?? "", messages: [] }, 200) };
      } catch (error) {
        if (error instanceof TransportError) return { ok: false, error };
        throw error;
      }
    }
    const message = line.error?.message ?? `line answered ${status ?? "without a response"}`;
    return {
      ok: false,
      error: new TransportError(status === undefined ? "server" : kindForStatus(status), message, {
        ...(status === undefined ? {} : { status }),
      }),
    };
  }
}
