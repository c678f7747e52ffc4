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
}

interface MessagesBody {
  content?: Array<{ type: string; text?: string; input?: unknown }>;
  stop_reason?: string | null;
  usage?: { input_tokens?: number; output_tokens?: number };
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
    const system = request.messages.filter((m) => m.role === "system").map((m) => m.content);
    const body: Record<string, unknown> = {
      model: request.model,
      max_tokens: request.params.maxTokens ?? this.options.defaultMaxTokens ?? 1024,
      messages: alternate(request.messages.filter((m) => m.role !== "system")),
    };
    if (system.length > 0) body.system = system.join("\n\n");
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
    const response = await this.options.http.post(
      this.endpoint,
      this.path,
      this.headers,
      JSON.stringify(body),
      request.signal,
    );
    const parsed = jsonBodyOf<MessagesBody>(response);
    if (!Array.isArray(parsed.content))
      throw new TransportError("unparseable", "response has no content", { status: response.status });
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
          ? { inputTokens: usage.input_tokens, outputTokens: usage.output_tokens }
          : {
              inputTokens: estimateTokens(request.messages.map((m) => m.content).join("\n")),
              outputTokens: estimateTokens(text),
              estimated: true,
            },
    };
  }

  async close(): Promise<void> {}
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
