import { type Endpoint, type HttpClient, parseEndpoint } from "../http-client.js";
import { jsonBodyOf, TransportError } from "../transport-error.js";
import {
  type ChatMessage,
  type CompletionRequest,
  type CompletionResult,
  estimateTokens,
  type LlmClient,
} from "../types.js";

export interface AnthropicOptions {
  baseUrl: string;
  apiKey: string | undefined;
  headers: Record<string, string>;
  http: HttpClient;
  /** Used when a request sets no output limit (the Messages API requires one). */
  defaultMaxTokens?: number;
  /** Prompt-cache breakpoints: after the system prompt, and after the history (see `body`). */
  cacheControl?: { system: boolean; history: boolean };
}

/** A Messages API response body. */
export interface MessagesBody {
  content?: Array<{ type: string; text?: string; input?: unknown }>;
  stop_reason?: string | null;
  usage?: {
    input_tokens?: number;
    output_tokens?: number;
    cache_creation_input_tokens?: number | null;
    cache_read_input_tokens?: number | null;
  };
  model?: string;
  error?: { type?: string; message?: string };
}

const API_VERSION = "2023-06-01";

/**
 * The Anthropic Messages API. System messages go to `system`; consecutive messages of one role are
 * merged (the API requires alternation); structured output is a forced tool call whose input is the
 * JSON object.
 */
export class AnthropicClient implements LlmClient {
  readonly kind = "anthropic";
  private readonly endpoint: Endpoint;
  private readonly path: string;
  private readonly headers: Record<string, string>;

  constructor(private readonly options: AnthropicOptions) {
    this.endpoint = parseEndpoint(options.baseUrl);
    this.path = this.endpoint.basePath.endsWith("/v1") ? "/messages" : "/v1/messages";
    this.headers = { ...options.headers, "anthropic-version": API_VERSION };
    if (options.apiKey) this.headers["x-api-key"] = options.apiKey;
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    const response = await this.options.http.post(
      this.endpoint,
      this.path,
      this.headers,
      JSON.stringify(this.body(request)),
      request.signal,
    );
    return this.result(jsonBodyOf<MessagesBody>(response), request, response.status);
  }

  /**
   * The Messages API body of a request (also one line of a Message Batch). With cache control, the
   * system prompt ends in a breakpoint (it is shared by every turn, and by every conversation of a
   * persona), and so does the last message of a conversation with history: the next turn resends
   * this prefix and reads it from the cache. A single message is not marked: nothing resends it.
   */
  body(request: CompletionRequest): Record<string, unknown> {
    const cache = this.options.cacheControl;
    const system = request.messages.filter((m) => m.role === "system").map((m) => m.content);
    const messages: Array<{ role: string; content: unknown }> = alternate(
      request.messages.filter((m) => m.role !== "system"),
    );
    const last = messages[messages.length - 1];
    if (cache?.history && messages.length > 1 && last)
      last.content = [{ type: "text", text: last.content, cache_control: EPHEMERAL }];
    const body: Record<string, unknown> = {
      model: request.model,
      max_tokens: request.params.maxTokens ?? this.options.defaultMaxTokens ?? 1024,
      messages,
    };
    if (system.length > 0)
      body.system = cache?.system
        ? [{ type: "text", text: system.join("\n\n"), cache_control: EPHEMERAL }]
        : system.join("\n\n");
    if (request.params.temperature !== undefined) body.temperature = Math.min(1, request.params.temperature);
    if (request.params.topP !== undefined) body.top_p = request.params.topP;
    if (request.schema) {
      body.tools = [
        {
          name: request.schema.name,
          description: "Return the answer as this object.",
          input_schema: request.schema.schema,
        },
      ];
      body.tool_choice = { type: "tool", name: request.schema.name };
    }
    return body;
  }

  /** The answer in a Messages API response body (realtime, or one result of a Message Batch). */
  result(parsed: MessagesBody, request: CompletionRequest, status: number): CompletionResult {
    if (!Array.isArray(parsed.content))
      throw new TransportError("unparseable", "response has no content", { status });
    const tool = parsed.content.find((block) => block.type === "tool_use");
    const text = tool
      ? JSON.stringify(tool.input ?? {})
      : parsed.content.map((block) => block.text ?? "").join("");
    if (text.trim() === "")
      throw new TransportError("empty", `empty reply (stop_reason ${parsed.stop_reason ?? "none"})`);
    const usage = parsed.usage;
    return {
      text,
      finishReason: parsed.stop_reason ?? "end_turn",
      model: parsed.model ?? request.model,
      usage:
        usage?.input_tokens !== undefined && usage.output_tokens !== undefined
          ? usageOf(usage.input_tokens, usage.output_tokens, usage)
          : {
              inputTokens: estimateTokens(request.messages.map((m) => m.content).join("\n")),
              outputTokens: estimateTokens(text),
              estimated: true,
            },
    };
  }

  async close(): Promise<void> {}
}

const EPHEMERAL = { type: "ephemeral" } as const;

/** Anthropic counts cache reads and writes apart from `input_tokens`; every input token is their sum. */
function usageOf(
  input: number,
  output: number,
  usage: NonNullable<MessagesBody["usage"]>,
): CompletionResult["usage"] {
  const read = usage.cache_read_input_tokens ?? 0;
  const written = usage.cache_creation_input_tokens ?? 0;
  return {
    inputTokens: input + read + written,
    outputTokens: output,
    ...(read > 0 ? { cachedInputTokens: read } : {}),
    ...(written > 0 ? { cacheWriteTokens: written } : {}),
  };
}

/** Merges consecutive same-role messages and makes the list start with a user turn. */
function alternate(messages: ChatMessage[]): Array<{ role: "user" | "assistant"; content: string }> {
  const out: Array<{ role: "user" | "assistant"; content: string }> = [];
  for (const message of messages) {
    const role = message.role === "assistant" ? "assistant" : "user";
    const last = out[out.length - 1];
    if (last && last.role === role) last.content = `${last.content}\n\n${message.content}`;
    else out.push({ role, content: message.content });
  }
  if (out[0]?.role === "assistant") out.unshift({ role: "user", content: "(conversation start)" });
  return out;
}
