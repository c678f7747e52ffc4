import { providerReferences } from "../config/cross-checks.js";
import type { Config } from "../config/schema.js";
import { ProviderError } from "../errors.js";

/** A provider ready to call: endpoint, key, limits and quirks resolved from config and environment. */
export interface ResolvedProvider {
  name: string;
  type: "openai-compatible" | "anthropic" | "offline";
  baseUrl: string;
  /** Where the base URL was set: a config key, an environment variable, or the provider's default. */
  baseUrlFrom: string;
  apiKey: string | undefined;
  headers: Record<string, string>;
  /** Identity of the endpoint (its normalised base URL): providers on one endpoint share its slots. */
  endpoint: string;
  /** The endpoint's declared limit of calls in flight (`providers.<name>.max_concurrency`), if any. */
  maxConcurrency: number | undefined;
  /** Models with slots of their own on the endpoint (`providers.<name>.models.<model>.max_concurrency`). */
  modelConcurrency: Record<string, number>;
  requestsPerMinute: number | undefined;
  tokensPerMinute: number | undefined;
  timeoutMs: number | undefined;
  structuredOutput: "json_schema" | "json_object" | "prompt";
  /** Anthropic prompt-cache breakpoints. */
  cacheControl: { system: boolean; history: boolean };
  /** Calls go through the provider's batch API (`llm.batch`, `providers.<name>.batch`). */
  batch: boolean;
  tokenParameter: "max_completion_tokens" | "max_tokens";
}

type Env = Readonly<Record<string, string | undefined>>;

interface Builtin {
  type: ResolvedProvider["type"];
  baseUrl: string;
  keyVar?: string;
  baseVar?: string;
  tokenParameter: ResolvedProvider["tokenParameter"];
}

const BUILTINS: Record<string, Builtin> = {
  offline: { type: "offline", baseUrl: "", tokenParameter: "max_tokens" },
  openai: {
    type: "openai-compatible",
    baseUrl: "https://api.openai.com/v1",
    keyVar: "OPENAI_API_KEY",
    baseVar: "OPENAI_BASE_URL",
    tokenParameter: "max_completion_tokens",
  },
  openrouter: {
    type: "openai-compatible",
    baseUrl: "https://openrouter.ai/api/v1",
    keyVar: "OPENROUTER_API_KEY",
    baseVar: "OPENROUTER_BASE_URL",
    tokenParameter: "max_tokens",
  },
  anthropic: {
    type: "anthropic",
    baseUrl: "https://api.anthropic.com",
    keyVar: "ANTHROPIC_API_KEY",
    baseVar: "ANTHROPIC_BASE_URL",
    tokenParameter: "max_tokens",
  },
};

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

/**
 * The base URL of an OpenAI-compatible endpoint given the original tool's way, as the full
 * `…/chat/completions` URL, or already as the base URL.
 */
export function baseUrlOfEndpoint(endpoint: string | undefined): string | undefined {
  if (endpoint === undefined) return undefined;
  return endpoint.replace(/\/+$/, "").replace(/\/chat\/completions$/, "");
}

/**
 * Resolves one provider by name. Precedence: `providers.<name>` in config, then the original tool's
 * sections (`api.*` when `api.provider` is this name, `openrouter.*`), then environment variables,
 * then the well-known default endpoint.
 */
export function resolveProvider(config: Config, name: string, env: Env): ResolvedProvider {
  const entry = config.providers[name];
  const builtin = BUILTINS[name];
  const type = entry?.type ?? builtin?.type;
  if (!type) throw new ProviderError(`unknown provider "${name}"`, { code: "PROVIDER_AUTH" });
  const fromApi = config.api.provider === name ? config.api : undefined;
  const fromOpenRouter = name === "openrouter" ? config.openrouter : undefined;
  const [baseUrl, baseUrlFrom] = firstSet([
    [entry?.base_url, `providers.${name}.base_url`],
    [fromApi?.base_url, "api.base_url"],
    [fromOpenRouter?.base_url, "openrouter.base_url"],
    [baseUrlOfEndpoint(fromOpenRouter?.endpoint), "openrouter.endpoint"],
    [nonEmpty(builtin?.baseVar ? env[builtin.baseVar] : undefined), builtin?.baseVar ?? ""],
    [builtin?.baseUrl, `the default endpoint of ${name}`],
  ]);
  const apiKey =
    nonEmpty(entry?.api_key) ??
    nonEmpty(entry?.api_key_env ? env[entry.api_key_env] : undefined) ??
    nonEmpty(fromApi?.api_key) ??
    nonEmpty(fromOpenRouter?.api_key) ??
    nonEmpty(builtin?.keyVar ? env[builtin.keyVar] : undefined);
  return {
    name,
    type,
    baseUrl,
    baseUrlFrom,
    apiKey,
    headers: entry?.headers ?? {},
    endpoint: endpointKey(baseUrl),
    maxConcurrency: entry?.max_concurrency,
    modelConcurrency: Object.fromEntries(
      Object.entries(entry?.models ?? {}).flatMap(([model, limits]) =>
        limits.max_concurrency === undefined ? [] : [[model, limits.max_concurrency]],
      ),
    ),
    requestsPerMinute: entry?.requests_per_minute,
    tokensPerMinute: entry?.tokens_per_minute,
    timeoutMs: entry?.timeout_ms,
    structuredOutput: entry?.structured_output ?? "json_schema",
    cacheControl: entry?.cache_control ?? { system: true, history: true },
    batch: type !== "offline" && (entry?.batch ?? config.llm.batch.enabled),
    tokenParameter: entry?.token_parameter ?? builtin?.tokenParameter ?? "max_tokens",
  };
}

/** The first value that is set, with its origin; ["", "nowhere"] when none is. */
function firstSet(candidates: ReadonlyArray<[string | undefined, string]>): [string, string] {
  for (const [value, from] of candidates) if (value !== undefined) return [value, from];
  return ["", "nowhere"];
}

/**
 * The endpoint a base URL names: scheme, host and port in lower case, path without trailing slashes
 * (`https://API.openai.com/v1/` and `https://api.openai.com/v1` are one endpoint).
 */
export function endpointKey(baseUrl: string): string {
  if (baseUrl === "") return "";
  try {
    const url = new URL(baseUrl);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    return baseUrl.replace(/\/+$/, "");
  }
}

/**
 * Resolves every provider the configuration refers to and checks each real one can be called: a
 * missing key or base URL is one clear error at start-up (exit 2), never a silent fallback.
 */
export function resolveUsedProviders(config: Config, env: Env): Map<string, ResolvedProvider> {
  // The offline engine is always there: operations may fall back to it explicitly.
  const used = new Map<string, ResolvedProvider>([["offline", resolveProvider(config, "offline", env)]]);
  const problems: string[] = [];
  for (const [path, name] of providerReferences(config)) {
    if (used.has(name)) continue;
    const provider = resolveProvider(config, name, env);
    used.set(name, provider);
    if (provider.type === "offline") continue;
    const where = path.join(".");
    if (!provider.baseUrl)
      problems.push(`provider "${name}" (${where}) has no base_url: set providers.${name}.base_url`);
    const builtin = BUILTINS[name];
    const entry = config.providers[name];
    const needsKey = builtin !== undefined || entry?.api_key_env !== undefined;
    if (needsKey && !provider.apiKey) {
      const variable = entry?.api_key_env ?? builtin?.keyVar;
      problems.push(
        `provider "${name}" (${where}) has no API key: set ${variable ?? `providers.${name}.api_key`}${variable ? ` or providers.${name}.api_key` : ""}`,
      );
    }
  }
  if (problems.length > 0) {
    throw new ProviderError(problems.join("; "), {
      code: "PROVIDER_AUTH",
      hint: "or run offline: api.provider: offline",
    });
  }
  return used;
}
