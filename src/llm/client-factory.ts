import { AnthropicClient } from "./adapters/anthropic.js";
import { OpenAiCompatibleClient } from "./adapters/openai-compatible.js";
import { AnthropicBatchApi } from "./batch/anthropic-batch.js";
import type { BatchApi } from "./batch/batch-api.js";
import { OpenAiBatchApi } from "./batch/openai-batch.js";
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
        cacheControl: provider.cacheControl,
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

/** The batch API of a provider's endpoint, speaking through its realtime adapter's request bodies. */
export function createBatchApi(provider: ResolvedProvider, client: LlmClient, http: HttpClient): BatchApi {
  const options = { baseUrl: provider.baseUrl, apiKey: provider.apiKey, headers: provider.headers };
  if (client instanceof AnthropicClient) return new AnthropicBatchApi(client, http, options);
  if (client instanceof OpenAiCompatibleClient) return new OpenAiBatchApi(client, http, options);
  throw new Error(`provider "${provider.name}" has no batch API`);
}
