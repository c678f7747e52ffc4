import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import {
  contentJson,
  messageJson,
  requestBodyJson,
  rolesAndContentsJson,
} from "../../src/llm/message-json.js";
import type { ChatMessage } from "../../src/llm/types.js";
import { cacheKey } from "../../src/scheduler/response-cache.js";
import { stableStringify } from "../../src/util/hash.js";

/** Texts JSON escapes in every way: quotes, backslashes, control characters, non-ASCII, lone surrogates. */
const TEXTS = [
  "",
  "plain",
  'say "hi" \\ and \n\t\r\b\f',
  "\u0000\u0001\u001f\u007f",
  "héllo — 日本語 🎉",
  "lone \ud800 and \udfff surrogates",
  "</script>\u2028\u2029",
];

const chat = (): ChatMessage[] =>
  TEXTS.map((content, i) => ({ role: i === 0 ? "system" : i % 2 ? "user" : "assistant", content }));

test("each message serialises exactly as JSON.stringify does, from the memo too", () => {
  const messages = chat();
  for (let round = 0; round < 2; round++) {
    for (const m of messages) {
      assert.equal(contentJson(m), JSON.stringify(m.content));
      assert.equal(messageJson(m), JSON.stringify(m));
    }
    assert.equal(rolesAndContentsJson(messages), JSON.stringify(messages.map((m) => [m.role, m.content])));
  }
});

test("a message changed in place is escaped again, not read from the memo", () => {
  const m: ChatMessage = { role: "user", content: "first" };
  assert.equal(contentJson(m), '"first"');
  m.content = 'second "one"';
  assert.equal(contentJson(m), JSON.stringify('second "one"'));
  assert.equal(messageJson(m), JSON.stringify(m));
});

test("messages of any other shape are serialised as they are", () => {
  const odd = [
    { content: "content first", role: "user" },
    { role: "user", content: "extra", name: "bob" },
    { role: "user" },
    { role: "user", content: undefined },
    { role: "assistant", content: [{ type: "text", text: "blocks" }] },
    { role: "user", content: null },
  ] as unknown as ChatMessage[];
  for (const m of odd) assert.equal(messageJson(m), JSON.stringify(m));
  assert.equal(rolesAndContentsJson(odd), JSON.stringify(odd.map((m) => [m.role, m.content])));
});

test("a request body serialises exactly as JSON.stringify does, fields in their order", () => {
  const bodies: Array<Record<string, unknown>> = [
    { model: "m", messages: chat(), temperature: 0.7, max_tokens: 100 },
    { model: "m", messages: chat(), skipped: undefined, fn: () => 1, top_p: 1 },
    { messages: [], response_format: { type: "json_schema", json_schema: { name: "x", schema: { a: 1 } } } },
    { model: "m", messages: "not an array" },
    {},
    { skipped: undefined },
  ];
  for (const body of bodies) assert.equal(requestBodyJson(body), JSON.stringify(body));
});

test("the cache key is the SHA-256 of the same canonical text as before (old caches keep hitting)", () => {
  const parts = {
    provider: "openai",
    baseUrl: "https://api.example.com/v1",
    model: "gpt-x",
    messages: chat(),
    params: { temperature: 0.7, maxTokens: 300 },
    schema: { name: "out", schema: { type: "object", properties: { b: 1, a: 2 } } },
    sampleIndex: 2,
  };
  // The key's definition, written out as it was before the messages' JSON was shared.
  const before = (p: typeof parts | Record<string, unknown>) =>
    createHash("sha256")
      .update(
        JSON.stringify([
          p.provider,
          p.baseUrl,
          p.model,
          p.sampleIndex,
          stableStringify(p.params),
          p.schema === null || p.schema === undefined ? null : stableStringify(p.schema),
          Array.isArray(p.messages) ? p.messages.map((m: ChatMessage) => [m.role, m.content]) : p.messages,
        ]),
      )
      .digest("hex");
  assert.equal(cacheKey(parts), before(parts));
  const noSchema = { ...parts, schema: null, params: {}, sampleIndex: 0 };
  assert.equal(cacheKey(noSchema), before(noSchema));
  // Pinned: a request's key never changes (a cache written by an earlier version still hits).
  assert.equal(
    cacheKey({
      provider: "fake",
      baseUrl: "http://127.0.0.1:1/v1",
      model: "m",
      messages: [{ role: "user", content: 'hi "there"' }],
      params: { temperature: 0 },
      schema: null,
      sampleIndex: 0,
    }),
    createHash("sha256")
      .update(
        '["fake","http://127.0.0.1:1/v1","m",0,"{\\"temperature\\":0}",null,[["user","hi \\"there\\""]]]',
      )
      .digest("hex"),
  );
});
