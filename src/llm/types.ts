/** The LlmClient port: what every provider adapter implements and the scheduler calls. */

/** One chat message with its native role (never flattened into one prompt). */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** Sampling parameters; the adapter maps `maxTokens` to the provider's own field. */
export interface CompletionParams {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  /** OpenAI-compatible APIs only (see `unsupportedParams`). */
  frequencyPenalty?: number;
  presencePenalty?: number;
}

/** A JSON schema for structured output, with the name providers require. */
export interface OutputSchema {
  name: string;
  schema: Record<string, unknown>;
}

/** One completion request, provider-neutral. */
export interface CompletionRequest {
  model: string;
  messages: ChatMessage[];
  params: CompletionParams;
  /** Ask for JSON matching this schema (how depends on the provider's structured-output mode). */
  schema?: OutputSchema;
  signal?: CancelSignal;
}

/**
 * What a call can be cancelled through: an AbortSignal, or the scheduler's one-listener
 * {@link Cancellation} (cheaper than an AbortController per attempt).
 */
export interface CancelSignal {
  readonly aborted: boolean;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

/** A cancel switch with a single listener: all an HTTP attempt needs. */
export class Cancellation implements CancelSignal {
  aborted = false;
  private listener: (() => void) | undefined;

  addEventListener(_type: "abort", listener: () => void): void {
    this.listener = listener;
  }

  removeEventListener(_type: "abort", listener: () => void): void {
    if (this.listener === listener) this.listener = undefined;
  }

  cancel(): void {
    if (this.aborted) return;
    this.aborted = true;
    const listener = this.listener;
    this.listener = undefined;
    listener?.();
  }
}

/** Token counts as the provider reported them (or estimated when it reported none). */
export interface Usage {
  /** Every input token, cached or not. */
  inputTokens: number;
  outputTokens: number;
  /** Input tokens read from the provider's prompt cache (billed at the `cached_input` price). */
  cachedInputTokens?: number;
  /** Input tokens written to the provider's prompt cache (Anthropic; billed at `cache_write`). */
  cacheWriteTokens?: number;
  /** True when the provider gave no usage and the counts are estimates. */
  estimated?: boolean;
}

/** One completion: the text (JSON text for structured requests), usage, why it stopped, which model. */
export interface CompletionResult {
  text: string;
  usage: Usage;
  finishReason: string;
  model: string;
}

/** The port: one call, one answer, no retries (retrying is the scheduler's job alone). */
export interface LlmClient {
  /** Provider type, e.g. `openai-compatible`, `anthropic`. */
  readonly kind: string;
  complete(request: CompletionRequest): Promise<CompletionResult>;
  /** Releases sockets. */
  close(): Promise<void>;
}

/** Rough token estimate (≈ 4 characters per token) for budgets and for servers that report no usage. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
