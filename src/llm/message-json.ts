import type { ChatMessage } from "./types.js";

/**
 * The JSON text of each message object's content (`JSON.stringify(content)`), with the content it
 * was made from: a call's cache key and its request body both embed every message, and a
 * conversation resends the same history objects at every turn, so each content is escaped once
 * instead of twice per call and again at every later turn. Read back only while the message still
 * holds that very string (a message changed in place is escaped again). A pure function's memo, by
 * identity.
 */
const escaped = new WeakMap<object, { content: string; json: string }>();

/** `JSON.stringify(message.content)` ("null" where there is none, as inside an array). */
export function contentJson(message: ChatMessage): string {
  const content: unknown = message.content;
  if (typeof content !== "string") return JSON.stringify(content) ?? "null";
  const known = escaped.get(message);
  if (known !== undefined && known.content === content) return known.json;
  const json = JSON.stringify(content);
  escaped.set(message, { content, json });
  return json;
}

/**
 * `JSON.stringify(message)`, byte for byte: a plain `{role, content}` of strings (keys in that
 * order, as every message is made) is assembled from its memoised content; anything else is
 * serialised as it is.
 */
export function messageJson(message: ChatMessage): string {
  if (typeof message !== "object" || message === null) return JSON.stringify(message) ?? "null";
  const keys = Object.keys(message);
  if (
    keys.length !== 2 ||
    keys[0] !== "role" ||
    keys[1] !== "content" ||
    typeof message.role !== "string" ||
    typeof message.content !== "string"
  )
    return JSON.stringify(message);
  return `{"role":${JSON.stringify(message.role)},"content":${contentJson(message)}}`;
}

/**
 * `JSON.stringify(messages.map((m) => [m.role, m.content]))`, byte for byte: the messages part of
 * the response cache's key, from the memoised contents.
 */
export function rolesAndContentsJson(messages: readonly ChatMessage[]): string {
  let out = "[";
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i] as ChatMessage;
    out += `${i === 0 ? "" : ","}[${JSON.stringify(message.role) ?? "null"},${contentJson(message)}]`;
  }
  return `${out}]`;
}

/**
 * `JSON.stringify(body)`, byte for byte, for a request body whose `messages` is an array of chat
 * messages: those come from their memoised JSON, every other field is serialised as usual.
 */
export function requestBodyJson(body: Record<string, unknown>): string {
  let out = "";
  for (const key of Object.keys(body)) {
    const value = body[key];
    const json =
      key === "messages" && Array.isArray(value)
        ? `[${(value as ChatMessage[]).map(messageJson).join(",")}]`
        : JSON.stringify(value);
    // What JSON.stringify leaves out of an object: undefined, functions, symbols.
    if (json === undefined) continue;
    out += `${out === "" ? "{" : ","}${JSON.stringify(key)}:${json}`;
  }
  return out === "" ? "{}" : `${out}}`;
}
