import { resolveConfig } from "../../src/config/load.js";
import type { Config } from "../../src/config/schema.js";
import { LlmService } from "../../src/llm/llm-service.js";
import { ResponseCache } from "../../src/scheduler/response-cache.js";
import { UsageTracker } from "../../src/scheduler/usage.js";

/** An LlmService over the fake server: provider `fake` (OpenAI-compatible) and `fakeanthropic`. */
export function serviceFor(
  url: string,
  options: {
    llm?: Record<string, unknown>;
    cachePath?: string;
    key?: string;
    provider?: Record<string, unknown>;
    batchJournal?: string;
    /** More config (a step's model spec, …), merged over the defaults above. */
    steps?: Record<string, unknown>;
  } = {},
): { service: LlmService; usage: UsageTracker; config: Config; cache: ResponseCache | undefined } {
  const config = resolveConfig({
    api: { provider: "fake", model: "fake-model" },
    providers: {
      fake: {
        type: "openai-compatible",
        base_url: `${url}/v1`,
        api_key: options.key ?? "sk-test",
        ...options.provider,
      },
      fakeanthropic: {
        type: "anthropic",
        base_url: url,
        api_key: options.key ?? "sk-test",
        ...options.provider,
      },
    },
    interaction_generation: { user_model: { provider: "fakeanthropic", model: "claude-fake" } },
    llm: { max_attempts: 4, ...options.llm },
    ...options.steps,
  });
  const usage = new UsageTracker(config.llm.prices);
  const cache = options.cachePath ? new ResponseCache(options.cachePath) : undefined;
  const service = new LlmService({
    config,
    env: {},
    runSeed: 1,
    usage,
    cache,
    ...(options.batchJournal ? { batchJournal: options.batchJournal } : {}),
  });
  return { service, usage, config, cache };
}
