import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AnthropicClient } from "../../src/llm/adapters/anthropic.js";
import { OpenAiCompatibleClient } from "../../src/llm/adapters/openai-compatible.js";
import { HttpClient } from "../../src/llm/http-client.js";
import { outputSchemaFor } from "../../src/llm/structured.js";
import { TransportError } from "../../src/llm/transport-error.js";
import type { LlmClient } from "../../src/llm/types.js";
import { type FakeFault, type FakeLlmServer, startFakeLlmServer } from "../helpers/fake-llm-server.js";
import { verdictSchema } from "./ops.js";

/** Every adapter passes the same contract against the real local fake server. */
const adapters: Array<{ name: string; make: (url: string, http: HttpClient, key: string) => LlmClient }> = [
  {
    name: "openai-compatible",
    make: (url, http, key) =>
      new OpenAiCompatibleClient({
        baseUrl: `${url}/v1`,
        apiKey: key,
        headers: { "x-extra": "1" },
        structuredOutput: "json_schema",
        tokenParameter: "max_completion_tokens",
        http,
      }),
  },
  {
    name: "anthropic",
    make: (url, http, key) =>
      new AnthropicClient({ baseUrl: url, apiKey: key, headers: { "x-extra": "1" }, http }),
  },
];

for (const adapter of adapters) {
  describe(`${adapter.name} adapter contract`, () => {
    let server: FakeLlmServer;
    let http: HttpClient;
    let client: LlmClient;
    let fault: ((index: number) => FakeFault | undefined) | undefined;
    before(async () => {
      server = await startFakeLlmServer({ requireKey: "sk-contract", script: (req) => fault?.(req.index) });
      http = new HttpClient();
      client = adapter.make(server.url, http, "sk-contract");
    });
    after(async () => {
      http.close();
      await server.close();
    });

    test("sends native roles and parameters, returns text, usage, finish reason and model", async () => {
      server.reset();
      fault = undefined;
      const result = await client.complete({
        model: "m-1",
        messages: [
          { role: "system", content: "be brief" },
          { role: "user", content: "hello there" },
          { role: "assistant", content: "hi" },
          { role: "user", content: "tell me more" },
        ],
        params: { temperature: 0.3, maxTokens: 50 },
      });
      assert.match(result.text, /tell me more/);
      assert.ok(result.usage.inputTokens > 0 && result.usage.outputTokens > 0);
      assert.equal(result.usage.estimated, undefined);
      assert.ok(result.finishReason.length > 0);
      assert.equal(result.model, "m-1");
      const body = server.requests[0]?.body;
      assert.equal(server.requests[0]?.headers["x-extra"], "1");
      if (adapter.name === "anthropic") {
        assert.equal(body.system, "be brief");
        assert.deepEqual(
          body.messages.map((m: { role: string }) => m.role),
          ["user", "assistant", "user"],
        );
        assert.equal(body.max_tokens, 50);
      } else {
        assert.deepEqual(
          body.messages.map((m: { role: string }) => m.role),
          ["system", "user", "assistant", "user"],
        );
        assert.equal(body.max_completion_tokens, 50);
      }
      assert.equal(body.temperature, 0.3);
    });

    test("structured output comes back as JSON text matching the schema", async () => {
      fault = undefined;
      const result = await client.complete({
        model: "m-1",
        messages: [{ role: "user", content: "judge this" }],
        params: {},
        schema: outputSchemaFor("verdict", verdictSchema),
      });
      assert.ok(verdictSchema.safeParse(JSON.parse(result.text)).success, result.text);
    });

    test("a wrong key is an auth failure that must not be retried", async () => {
      fault = undefined;
      const wrong = adapter.make(server.url, http, "sk-wrong");
      await assert.rejects(
        wrong.complete({ model: "m", messages: [{ role: "user", content: "x" }], params: {} }),
        (e: unknown) =>
          e instanceof TransportError && e.kind === "auth" && !e.retryable && !e.message.includes("sk-wrong"),
      );
    });

    const faults: Array<[string, FakeFault, string]> = [
      ["429 with retry-after-ms", { kind: "status", status: 429, retryAfterMs: 1500 }, "rate_limited"],
      ["500", { kind: "status", status: 500 }, "server"],
      ["503", { kind: "status", status: 503 }, "server"],
      ["400", { kind: "status", status: 400 }, "bad_request"],
      ["reset mid-body", { kind: "reset" }, "network|truncated"],
      ["truncated body", { kind: "truncated" }, "truncated|network"],
      ["malformed JSON", { kind: "malformed" }, "unparseable"],
    ];
    for (const [label, f, kinds] of faults) {
      test(`${label} is classified as ${kinds}, and the adapter itself makes exactly one request`, async () => {
        server.reset();
        fault = () => f;
        await assert.rejects(
          client.complete({ model: "m", messages: [{ role: "user", content: "x" }], params: {} }),
          (e: unknown) => {
            assert.ok(e instanceof TransportError, String(e));
            assert.match(e.kind, new RegExp(`^(${kinds})$`));
            if (label.startsWith("429")) assert.equal(e.retryAfterMs, 1500);
            return true;
          },
        );
        assert.equal(server.stats().received, 1, "no retry inside the adapter");
        fault = undefined;
      });
    }

    test("an abort signal cancels a hanging request", async () => {
      fault = () => ({ kind: "hang" });
      await assert.rejects(
        client.complete({
          model: "m",
          messages: [{ role: "user", content: "x" }],
          params: {},
          signal: AbortSignal.timeout(100),
        }),
        (e: unknown) => e instanceof TransportError && e.kind === "aborted",
      );
      fault = undefined;
    });
  });
}
