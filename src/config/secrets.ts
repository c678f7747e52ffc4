import type { Config } from "./schema.js";

/** Environment variables whose names say they hold a secret (`OPENAI_API_KEY`, `HF_TOKEN`, …). */
const SECRET_NAME = /(^|_)(API_?KEY|KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?)($|_)/i;
/** Request headers that carry credentials. */
const SECRET_HEADER = /auth|key|token|secret|cookie/i;

/**
 * Every secret value a run could write somewhere, wherever it came from: the configured keys
 * (`api.api_key`, `openrouter.api_key`, `providers.*.api_key`, the variables `api_key_env` names,
 * credential headers) and every environment variable whose name says it holds one — a key
 * interpolated into another config value (`model: "m-${OPENAI_API_KEY}"`) is caught by its value.
 */
export function secretValues(config: Config, env: Readonly<Record<string, string | undefined>>): string[] {
  const values: Array<string | undefined> = [config.api.api_key, config.openrouter.api_key];
  const urls = [config.api.base_url, config.openrouter.base_url, config.openrouter.endpoint];
  for (const provider of Object.values(config.providers)) {
    values.push(provider.api_key);
    urls.push(provider.base_url);
    if (provider.api_key_env) values.push(env[provider.api_key_env]);
    for (const [name, value] of Object.entries(provider.headers))
      if (SECRET_HEADER.test(name)) values.push(value, value.replace(/^(Bearer|Basic)\s+/i, ""));
  }
  for (const [name, value] of Object.entries(env)) if (SECRET_NAME.test(name)) values.push(value);
  // Any variable may hold a URL with a password (OPENAI_BASE_URL=https://user:token@host/v1).
  for (const url of [...urls, ...Object.values(env)]) values.push(...urlCredentials(url));
  return values.filter((v): v is string => typeof v === "string" && v.trim() !== "").map((v) => v.trim());
}

/**
 * The credentials written into a URL (`https://user:PASSWORD@host`, `redis://:PASSWORD@host`): the
 * password as written and decoded, and a user name that stands alone as a token (`https://TOKEN@host`).
 */
export function urlCredentials(text: string | undefined): string[] {
  if (text === undefined || !text.includes("@") || !/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return [];
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return [];
  }
  const parts = url.password ? [url.password] : url.username ? [url.username] : [];
  return parts.flatMap((part) => [part, safeDecode(part)]);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
