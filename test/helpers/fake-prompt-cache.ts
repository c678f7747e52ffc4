// Prompt caching as the two APIs report it, for the fake LLM server (`promptCache: true`).
//
// OpenAI caches automatically: a prompt whose first ≥ 1024 tokens were sent before reads them from the
// cache, in steps of 128 tokens (`usage.prompt_tokens_details.cached_tokens`). Anthropic caches what
// ends at a `cache_control` breakpoint (≥ 1024 tokens): a request reads the longest prefix ending at a
// block boundary that an earlier request wrote (`cache_read_input_tokens`) and writes the prefix up to
// its last breakpoint (`cache_creation_input_tokens`); `input_tokens` is the rest.
//
// Tokens are the fake server's (a prompt's token count spread over its characters), so the counts add
// up with the ones it reports without caching.
import { createHash } from "node:crypto";

const MIN_TOKENS = 1024;
const OPENAI_STEP = 128;

/** Input tokens of one request split as the API would report them. */
export interface CacheUsage {
  /** Input tokens billed as plain input (Anthropic's `input_tokens`; OpenAI's prompt tokens). */
  input: number;
  cachedRead: number;
  cacheWrite: number;
}

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function blockText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  let s = "";
  for (const part of content) if (isRecord(part) && typeof part.text === "string") s += part.text;
  return s;
}

function marked(content: unknown): boolean {
  return Array.isArray(content) && content.some((part) => isRecord(part) && isRecord(part.cache_control));
}

/** Prefixes seen by one server (its life; `reset()` does not forget them, as a real cache would not). */
export class FakePromptCache {
  private readonly seen = new Set<string>();

  /** `count` is the server's token counter: a cached prefix is counted as the text it is. */
  constructor(private readonly count: (text: string) => number) {}

  /** OpenAI: `totalTokens` of input for this body; how many of them were cached. */
  openai(body: unknown, totalTokens: number): number {
    if (!isRecord(body) || !Array.isArray(body.messages)) return 0;
    // What the cache keys on: model and output format, then each message's role and content.
    const header = `${body.model ?? ""}\u0000${JSON.stringify(body.response_format ?? null)}\u0000`;
    let text = "";
    for (const m of body.messages)
      if (isRecord(m)) text += `\u0001${String(m.role).charAt(0)}${blockText(m.content)}`;
    // Boundaries every 128 tokens (at the fake's 4 characters a token) from 1,024 on: each is
    // remembered, and the longest one seen before is what this prompt reads from the cache.
    const hash = createHash("sha256").update(header);
    let from = 0;
    let cachedChars = 0;
    for (let chars = MIN_TOKENS * 4; chars <= text.length; chars += OPENAI_STEP * 4) {
      hash.update(text.slice(from, chars));
      from = chars;
      const key = `o${hash.copy().digest("hex")}`;
      if (this.seen.has(key)) cachedChars = chars;
      else this.seen.add(key);
    }
    if (cachedChars === 0) return 0;
    const tokens = Math.floor(this.count(text.slice(0, cachedChars)) / OPENAI_STEP) * OPENAI_STEP;
    return tokens >= MIN_TOKENS ? Math.min(tokens, totalTokens) : 0;
  }

  /** Anthropic: split `totalTokens` of input into plain, cache read and cache write. */
  anthropic(body: unknown, totalTokens: number): CacheUsage {
    const none = { input: totalTokens, cachedRead: 0, cacheWrite: 0 };
    if (!isRecord(body) || !Array.isArray(body.messages)) return none;
    // Block boundaries, in prompt order: tools, system, then each message.
    const blocks: Array<{ keyed: string; text: string; breakpoint: boolean }> = [
      {
        keyed: `${body.model ?? ""}\u0000${JSON.stringify(body.tools ?? null)}`,
        text: "",
        breakpoint: false,
      },
      { keyed: blockText(body.system), text: blockText(body.system), breakpoint: marked(body.system) },
    ];
    for (const m of body.messages) {
      if (!isRecord(m)) continue;
      const text = blockText(m.content);
      blocks.push({ keyed: `${String(m.role)}\u0000${text}`, text, breakpoint: marked(m.content) });
    }
    const hash = createHash("sha256");
    let prefix = "";
    let read = 0;
    let lastBreakpoint = 0;
    const written: string[] = [];
    for (const block of blocks) {
      hash.update(block.keyed);
      prefix += block.text;
      const key = `a${hash.copy().digest("hex")}`;
      const seen = this.seen.has(key);
      if (!seen && !block.breakpoint) continue;
      const tokens = Math.min(totalTokens, this.count(prefix));
      if (seen) read = tokens;
      // Every breakpoint of at least the minimum length is an entry of the cache.
      if (block.breakpoint && tokens >= MIN_TOKENS) {
        lastBreakpoint = tokens;
        written.push(key);
      }
    }
    const write = Math.max(0, lastBreakpoint - read);
    for (const key of written) this.seen.add(key);
    return { input: totalTokens - read - write, cachedRead: read, cacheWrite: write };
  }
}
