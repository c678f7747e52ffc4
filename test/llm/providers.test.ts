import assert from "node:assert/strict";
import { test } from "node:test";
import { resolveConfig } from "../../src/config/load.js";
import { ProviderError } from "../../src/errors.js";
import { assistantModelFor } from "../../src/llm/model-pool.js";
import { modelRef } from "../../src/llm/model-ref.js";
import { resolveProvider, resolveUsedProviders } from "../../src/llm/providers.js";

test("the original tool's api/openrouter forms map onto providers; env fills keys and base URLs", () => {
  const config = resolveConfig({
    api: { provider: "openai", model: "gpt-4o-mini", api_key: "sk-from-config" },
    openrouter: { api_key: "or-key" },
    interaction_generation: {
      assistant_model: {
        model_pool: [{ provider: "openrouter", model: "anthropic/claude-3.5-haiku", weight: 1 }],
      },
      user_model: { provider: "anthropic", model: "claude-x" },
    },
  });
  const used = resolveUsedProviders(config, {
    ANTHROPIC_API_KEY: "ant-env",
    ANTHROPIC_BASE_URL: "http://localhost:9999",
  });
  assert.equal(used.get("openai")?.apiKey, "sk-from-config");
  assert.equal(used.get("openai")?.baseUrl, "https://api.openai.com/v1");
  assert.equal(used.get("openai")?.tokenParameter, "max_completion_tokens");
  assert.equal(used.get("openrouter")?.apiKey, "or-key");
  assert.equal(used.get("openrouter")?.baseUrl, "https://openrouter.ai/api/v1");
  assert.equal(used.get("anthropic")?.apiKey, "ant-env");
  assert.equal(used.get("anthropic")?.baseUrl, "http://localhost:9999");
  assert.equal(used.get("anthropic")?.type, "anthropic");
  assert.ok(used.has("offline"));
});

test("a configured real provider without a key is one clear start-up error naming every gap", () => {
  const config = resolveConfig({
    api: { provider: "openai" },
    interaction_generation: { user_model: { provider: "anthropic" } },
  });
  assert.throws(
    () => resolveUsedProviders(config, {}),
    (e: unknown) =>
      e instanceof ProviderError &&
      e.code === "PROVIDER_AUTH" &&
      e.exitCode === 2 &&
      /provider "openai" \(api\.provider\) has no API key: set OPENAI_API_KEY/.test(e.message) &&
      /provider "anthropic" \(interaction_generation\.user_model\.provider\) has no API key: set ANTHROPIC_API_KEY/.test(
        e.message,
      ),
  );
});

test("a custom OpenAI-compatible server (vLLM, Ollama) needs a base URL but no key", () => {
  const config = resolveConfig({
    api: { provider: "local", model: "llama3" },
    providers: {
      local: { base_url: "http://127.0.0.1:11434/v1", structured_output: "json_object", max_concurrency: 4 },
    },
  });
  const local = resolveUsedProviders(config, {}).get("local");
  assert.equal(local?.apiKey, undefined);
  assert.equal(local?.structuredOutput, "json_object");
  assert.equal(local?.maxConcurrency, 4);
  assert.equal(local?.tokenParameter, "max_tokens");
  const keyless = resolveConfig({
    api: { provider: "nokey" },
    providers: { nokey: { api_key_env: "MY_KEY", base_url: "http://x/v1" } },
  });
  assert.throws(() => resolveUsedProviders(keyless, {}), /set MY_KEY/);
  assert.equal(resolveProvider(keyless, "nokey", { MY_KEY: "k" }).apiKey, "k");
});

test("model references: stage specs override api, a new provider does not inherit api's model", () => {
  const config = resolveConfig({
    api: {
      provider: "openai",
      model: "gpt-4o-mini",
      inference: { temperature: 0.7, max_completion_tokens: 2048 },
    },
    interaction_generation: {
      user_model: { temperature: 0.9, max_completion_tokens: 256 },
      assistant_model: { provider: "anthropic" },
    },
  });
  const user = modelRef(config, config.interaction_generation.user_model);
  assert.deepEqual(user, {
    provider: "openai",
    model: "gpt-4o-mini",
    params: { temperature: 0.9, maxTokens: 256 },
  });
  const assistant = modelRef(config, config.interaction_generation.assistant_model);
  assert.equal(assistant.provider, "anthropic");
  assert.equal(assistant.model, "claude-haiku-4-5");
  assert.equal(modelRef(resolveConfig({})).provider, "offline");
});

test("the model pool draws by weight, once per conversation, the same on every run", () => {
  const config = resolveConfig({
    interaction_generation: {
      assistant_model: {
        model_pool: [
          { provider: "offline", model: "a", weight: 0.2 },
          { provider: "offline", model: "b", weight: 0.8 },
        ],
      },
    },
  });
  const counts: Record<string, number> = { a: 0, b: 0 };
  for (let i = 0; i < 5000; i++) counts[assistantModelFor(config, 7, `conv-${i}`).model]!++;
  assert.ok(Math.abs(counts.a! / 5000 - 0.2) < 0.02, JSON.stringify(counts));
  assert.equal(assistantModelFor(config, 7, "conv-1").model, assistantModelFor(config, 7, "conv-1").model);
});
