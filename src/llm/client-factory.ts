import { AnthropicClient } from "./adapters/anthropic.js";
import { OpenAiCompatibleClient } from "./adapters/openai-compatible.js";
import type { HttpClient } from "./http-client.js";
import type { ResolvedProvider } from "./providers.js";
import type { LlmClient } from "./types.js";

/** The adapter for a resolved online provider. */
export function createClient(provider: ResolvedProvider, http: HttpClient): LlmClient {
  switch (provider.type) {
    case "anthropic":
      return new AnthropicClient({
        baseUrl: provider.baseUrl,
        apiKey: provider.apiKey,
        headers: provider.headers,
        http,
      });
    case "openai-compatible":
      return new OpenAiCompatibleClient({
        baseUrl: provider.baseUrl,
        apiKey: provider.apiKey,
        headers: provider.headers,
        structuredOutput: provider.structuredOutput,
        tokenParameter: provider.tokenParameter,
        http,
      });
    case "offline":
      throw new Error("the offline provider has no HTTP client");
  }
}
