// The batch APIs of the fake LLM server: OpenAI's Batch API (file upload, batches create / retrieve /
// list / cancel, output and error files) and Anthropic's Message Batches (create / retrieve / cancel /
// results). A batch finishes `batchLatencyMs` after it was created; its lines are answered then, by the
// server's own reply logic, so a line gets the answer the same request gets in realtime.
import type { ServerResponse } from "node:http";

/** How the server answers one request body (the same logic as a realtime request). */
export type AnswerLine = (api: "openai" | "anthropic", body: unknown) => Promise<unknown>;

export interface FakeBatchOptions {
  /** Time from creation to a finished batch (default 50 ms). */
  batchLatencyMs?: number;
  /** A status to fail this line with, given its custom id and how many times it was submitted before. */
  batchLineFault?: (customId: string, submittedBefore: number) => number | undefined;
}

export interface FakeBatchStats {
  /** Batches created, by API. */
  batchesCreated: number;
  /** Lines in them. */
  batchLines: number;
  /** Submissions of a custom id that was submitted before (a retried line, or a duplicate). */
  repeatedLines: number;
  batchesCancelled: number;
}

interface Line {
  customId: string;
  body: unknown;
}

interface Batch {
  id: string;
  api: "openai" | "anthropic";
  lines: Line[];
  status: "in_progress" | "completed" | "cancelled";
  createdAt: number;
  metadata: Record<string, string> | null;
  inputFileId: string | null;
  outputFileId: string | null;
  errorFileId: string | null;
  results: string[];
  succeeded: number;
  failed: number;
  timer: NodeJS.Timeout | undefined;
}

type Json = Record<string, unknown>;

const ROUTE =
  /^(?:\/v1)?\/(?:(files)(?:\/([\w-]+)\/(content))?|(batches)(?:\/([\w-]+)(?:\/(cancel))?)?|messages\/(batches)(?:\/([\w-]+)(?:\/(cancel|results))?)?)$/;

/** The batch endpoints of one fake server. */
export class FakeBatchApi {
  private readonly files = new Map<string, string>();
  private readonly batches = new Map<string, Batch>();
  /** Custom id → times submitted. */
  private readonly submissions = new Map<string, number>();
  private readonly stats: FakeBatchStats = {
    batchesCreated: 0,
    batchLines: 0,
    repeatedLines: 0,
    batchesCancelled: 0,
  };
  private next = 0;
  private closed = false;

  constructor(
    private readonly answer: AnswerLine,
    private readonly options: FakeBatchOptions,
  ) {}

  /** True for a path of the batch APIs. */
  handles(path: string): boolean {
    return ROUTE.test(path);
  }

  counts(): FakeBatchStats {
    return { ...this.stats };
  }

  close(): void {
    this.closed = true;
    for (const batch of this.batches.values()) clearTimeout(batch.timer);
  }

  handle(method: string, path: string, raw: string, contentType: string, res: ServerResponse): void {
    const reply = this.route(method, path, raw, contentType);
    const payload = "text" in reply ? reply.text : JSON.stringify(reply.json);
    res.writeHead(reply.status, {
      "content-type": "text" in reply ? "application/jsonl" : "application/json",
      "content-length": Buffer.byteLength(payload),
    });
    res.end(payload);
  }

  private route(method: string, path: string, raw: string, contentType: string): Reply {
    const m = ROUTE.exec(path) as RegExpExecArray;
    const [
      ,
      files,
      fileId,
      fileContent,
      openaiBatches,
      batchId,
      openaiCancel,
      anthropicBatches,
      msgBatchId,
      action,
    ] = m;
    if (files && method === "POST" && !fileId) return this.upload(raw, contentType);
    if (files && method === "GET" && fileId && fileContent) {
      const content = this.files.get(fileId);
      return content === undefined ? json(404, { error: { message: `no file ${fileId}` } }) : text(content);
    }
    if (openaiBatches) {
      if (method === "POST" && !batchId) return this.createOpenAi(raw);
      if (method === "GET" && !batchId) return json(200, { object: "list", data: this.list("openai") });
      const batch = batchId ? this.batches.get(batchId) : undefined;
      if (!batch) return json(404, { error: { message: `no batch ${batchId}` } });
      if (method === "POST" && openaiCancel) this.cancel(batch);
      return json(200, openAiView(batch));
    }
    if (anthropicBatches) {
      if (method === "POST" && !msgBatchId) return this.createAnthropic(raw);
      const batch = msgBatchId ? this.batches.get(msgBatchId) : undefined;
      if (!batch)
        return json(404, { type: "error", error: { type: "not_found_error", message: "no batch" } });
      if (action === "results") {
        if (batch.status === "in_progress")
          return json(400, {
            type: "error",
            error: { type: "invalid_request_error", message: "not ended" },
          });
        return text(batch.results.map((r) => `${r}\n`).join(""));
      }
      if (method === "POST" && action === "cancel") this.cancel(batch);
      return json(200, anthropicView(batch));
    }
    return json(404, { error: { message: `fake server: no batch route for ${method} ${path}` } });
  }

  private upload(raw: string, contentType: string): Reply {
    const boundary = /boundary=([^;]+)/.exec(contentType)?.[1];
    const part = boundary ? raw.split(`--${boundary}`).find((p) => /name="file"/.test(p)) : undefined;
    if (!part) return json(400, { error: { message: "fake server: multipart body without a file part" } });
    const body = part.slice(part.indexOf("\r\n\r\n") + 4).replace(/\r\n$/, "");
    const id = `file-${this.next++}`;
    this.files.set(id, body);
    return json(200, {
      id,
      object: "file",
      bytes: Buffer.byteLength(body),
      purpose: "batch",
      status: "processed",
    });
  }

  private createOpenAi(raw: string): Reply {
    const request = JSON.parse(raw) as { input_file_id?: string; metadata?: Record<string, string> };
    const file = request.input_file_id ? this.files.get(request.input_file_id) : undefined;
    if (file === undefined) return json(400, { error: { message: "fake server: unknown input_file_id" } });
    const lines = file
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l) as { custom_id: string; body: unknown })
      .map((l) => ({ customId: l.custom_id, body: l.body }));
    const batch = this.create("openai", lines, request.metadata ?? null, request.input_file_id ?? null);
    return json(200, openAiView(batch));
  }

  private createAnthropic(raw: string): Reply {
    const request = JSON.parse(raw) as { requests?: Array<{ custom_id: string; params: unknown }> };
    const lines = (request.requests ?? []).map((r) => ({ customId: r.custom_id, body: r.params }));
    return json(200, anthropicView(this.create("anthropic", lines, null, null)));
  }

  private create(
    api: Batch["api"],
    lines: Line[],
    metadata: Batch["metadata"],
    inputFileId: string | null,
  ): Batch {
    const id = api === "openai" ? `batch_${this.next++}` : `msgbatch_${this.next++}`;
    const batch: Batch = {
      id,
      api,
      lines,
      status: "in_progress",
      createdAt: Math.floor(Date.now() / 1000),
      metadata,
      inputFileId,
      outputFileId: null,
      errorFileId: null,
      results: [],
      succeeded: 0,
      failed: 0,
      timer: undefined,
    };
    this.batches.set(id, batch);
    this.stats.batchesCreated++;
    this.stats.batchLines += lines.length;
    for (const line of lines) {
      const before = this.submissions.get(line.customId) ?? 0;
      if (before > 0) this.stats.repeatedLines++;
      this.submissions.set(line.customId, before + 1);
    }
    batch.timer = setTimeout(() => void this.finish(batch), this.options.batchLatencyMs ?? 50);
    return batch;
  }

  private async finish(batch: Batch): Promise<void> {
    if (this.closed || batch.status !== "in_progress") return;
    const output: string[] = [];
    const errors: string[] = [];
    for (const line of batch.lines) {
      const fault = this.options.batchLineFault?.(
        line.customId,
        (this.submissions.get(line.customId) ?? 1) - 1,
      );
      const body = fault === undefined ? await this.answer(batch.api, line.body) : undefined;
      if (batch.api === "openai") {
        const response = {
          status_code: fault ?? 200,
          request_id: `req_${this.next++}`,
          body: body ?? { error: { message: `fake server: line failed with ${fault}` } },
        };
        (fault === undefined ? output : errors).push(
          JSON.stringify({ id: `batch_req_${this.next++}`, custom_id: line.customId, response, error: null }),
        );
      } else {
        const result =
          fault === undefined
            ? { type: "succeeded", message: body }
            : {
                type: "errored",
                error: {
                  type: "error",
                  error: {
                    type: fault === 429 ? "rate_limit_error" : "api_error",
                    message: `fake server: line failed with ${fault}`,
                  },
                },
              };
        batch.results.push(JSON.stringify({ custom_id: line.customId, result }));
      }
      if (fault === undefined) batch.succeeded++;
      else batch.failed++;
    }
    if (batch.status !== "in_progress") return; // cancelled meanwhile
    if (output.length > 0) batch.outputFileId = this.file(output);
    if (errors.length > 0) batch.errorFileId = this.file(errors);
    batch.status = "completed";
  }

  private file(lines: string[]): string {
    const id = `file-${this.next++}`;
    this.files.set(id, `${lines.join("\n")}\n`);
    return id;
  }

  private cancel(batch: Batch): void {
    if (batch.status !== "in_progress") return;
    clearTimeout(batch.timer);
    batch.status = "cancelled";
    this.stats.batchesCancelled++;
    batch.results = batch.lines.map((l) =>
      JSON.stringify({ custom_id: l.customId, result: { type: "canceled" } }),
    );
  }

  private list(api: Batch["api"]): Json[] {
    return [...this.batches.values()]
      .filter((b) => b.api === api)
      .reverse()
      .map(openAiView);
  }
}

function openAiView(batch: Batch): Json {
  return {
    id: batch.id,
    object: "batch",
    endpoint: "/v1/chat/completions",
    input_file_id: batch.inputFileId,
    completion_window: "24h",
    status: batch.status,
    output_file_id: batch.outputFileId,
    error_file_id: batch.errorFileId,
    created_at: batch.createdAt,
    metadata: batch.metadata,
    request_counts: { total: batch.lines.length, completed: batch.succeeded, failed: batch.failed },
  };
}

function anthropicView(batch: Batch): Json {
  const ended = batch.status !== "in_progress";
  return {
    id: batch.id,
    type: "message_batch",
    processing_status: ended ? "ended" : "in_progress",
    request_counts: {
      processing: ended ? 0 : batch.lines.length,
      succeeded: batch.succeeded,
      errored: batch.failed,
      canceled: batch.status === "cancelled" ? batch.lines.length : 0,
      expired: 0,
    },
    created_at: new Date(batch.createdAt * 1000).toISOString(),
    results_url: ended ? `/v1/messages/batches/${batch.id}/results` : null,
  };
}

type Reply = { status: number; json: unknown } | { status: number; text: string };

function json(status: number, body: unknown): Reply {
  return { status, json: body };
}

function text(body: string): Reply {
  return { status: 200, text: body };
}
