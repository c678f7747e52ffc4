import { type Endpoint, type HttpClient, parseEndpoint } from "../http-client.js";
import { withSchemaInstructions } from "../structured.js";
import { jsonBodyOf, TransportError } from "../transport-error.js";
import { type CompletionRequest, type CompletionResult, estimateTokens, type LlmClient } from "../types.js";

export interface OpenAiCompatibleOptions {
  baseUrl: string;
  apiKey: string | undefined;
  headers: Record<string, string>;
  structuredOutput: "json_schema" | "json_object" | "prompt";
  /** Field that carries the output token limit. */
  tokenParameter: "max_completion_tokens" | "max_tokens";
  http: HttpClient;
}

/** A chat completion response body. */
export interface ChatCompletionBody {
  choices?: Array<{ message?: { content?: string | null }; finish_reason?: string | null }>;
  usage?: {
    prompt_tokens?: number;
    completion_tokens?: number;
    prompt_tokens_details?: { cached_tokens?: number } | null;
  };
  model?: string;
  error?: { message?: string };
}

/**
 * Any `/chat/completions` server: OpenAI, OpenRouter, vLLM, Ollama, llama.cpp, LM Studio.
 * Structured output goes as `response_format: json_schema` unless the provider is switched to
 * `json_object` or to instructions in the prompt.
 */
export class OpenAiCompatibleClient implements LlmClient {
  readonly kind = "openai-compatible";
  private readonly endpoint: Endpoint;
  private readonly headers: Record<string, string>;

  constructor(private readonly options: OpenAiCompatibleOptions) {
    this.endpoint = parseEndpoint(options.baseUrl);
    this.headers = { ...options.headers };
    if (options.apiKey) this.headers.authorization = `Bearer ${options.apiKey}`;
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    const body = this.body(request);
    const response = await this.options.http.post(
      this.endpoint,
      "/chat/completions",
      this.headers,
      JSON.stringify(body),
      request.signal,
    );
    return this.result(jsonBodyOf<ChatCompletionBody>(response), body, response.status);
  }

  /**
   * The `/chat/completions` body of a request (also the body of a Batch API line). Messages come first
   * and in their order, so the prompt of a conversation's next turn starts with this one's, byte for
   * byte: OpenAI serves that prefix from its cache.
   */
  body(request: CompletionRequest): Record<string, unknown> {
    const mode = this.options.structuredOutput;
    const messages =
      request.schema && mode !== "json_schema"
        ? withSchemaInstructions(request.messages, request.schema)
        : request.messages;
    const body: Record<string, unknown> = { model: request.model, messages };
    const p = request.params;
    if (p.temperature !== undefined) body.temperature = p.temperature;
    if (p.topP !== undefined) body.top_p = p.topP;
    if (p.maxTokens !== undefined) body[this.options.tokenParameter] = p.maxTokens;
    if (p.frequencyPenalty !== undefined) body.frequency_penalty = p.frequencyPenalty;
    if (p.presencePenalty !== undefined) body.presence_penalty = p.presencePenalty;
    if (request.schema && mode === "json_schema") {
      body.response_format = {
        type: "json_schema",
        json_schema: { name: request.schema.name, schema: request.schema.schema },
      };
    } else if (request.schema && mode === "json_object") {
      body.response_format = { type: "json_object" };
    }
    return body;
  }

  /** The answer in a chat completion body (realtime, or the body of a Batch API output line). */
  result(parsed: ChatCompletionBody, body: Record<string, unknown>, status: number): CompletionResult {
    const messages = body.messages as CompletionRequest["messages"];
    const model = body.model as string;
    const choice = parsed.choices?.[0];
    if (!choice) throw new TransportError("unparseable", "response has no choices", { status });
    const text = choice.message?.content ?? "";
    if (text.trim() === "")
      throw new TransportError("empty", `empty reply (finish_reason ${choice.finish_reason ?? "none"})`);
    const usage = parsed.usage;
    return {
      text,
      finishReason: choice.finish_reason ?? "stop",
      model: parsed.model ?? model,
      usage:
        usage?.prompt_tokens !== undefined && usage.completion_tokens !== undefined
          ? {
              inputTokens: usage.prompt_tokens,
              outputTokens: usage.completion_tokens,
              ...(usage.prompt_tokens_details?.cached_tokens
                ? { cachedInputTokens: usage.prompt_tokens_details.cached_tokens }
                : {}),
            }
          : {
              inputTokens: estimateTokens(messages.map((m) => m.content).join("\n")),
              outputTokens: estimateTokens(text),
              estimated: true,
            },
    };
  }

  async close(): Promise<void> {}
}
