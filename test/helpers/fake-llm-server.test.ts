import assert from "node:assert/strict";
import { Agent, request as httpRequest } from "node:http";
import { after, test } from "node:test";
import { type FakeLlmServer, type FakeServerOptions, startFakeLlmServer } from "./fake-llm-server.js";

const open: FakeLlmServer[] = [];
after(async () => {
  await Promise.all(open.map((s) => s.close()));
});

async function start(options?: FakeServerOptions): Promise<FakeLlmServer> {
  const server = await startFakeLlmServer(options);
  open.push(server);
  return server;
}

function post(url: string, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal) {
  const init: RequestInit = {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  };
  if (signal) init.signal = signal;
  return fetch(url, init);
}

const openaiBody = (extra: Record<string, unknown> = {}) => ({
  model: "gpt-test",
  messages: [
    { role: "system", content: "You are terse." },
    { role: "user", content: "Tell me about the weather in Lisbon during the spring months, please." },
  ],
  ...extra,
});

const anthropicBody = (extra: Record<string, unknown> = {}) => ({
  model: "claude-test",
  max_tokens: 100,
  system: "You are terse.",
  messages: [{ role: "user", content: [{ type: "text", text: "Hello there, Claude" }] }],
  ...extra,
});

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely, field by field
type Loose = any;

async function readJson(res: Response): Promise<Loose> {
  return res.json();
}

interface SseEvent {
  event: string | undefined;
  data: string;
}

function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of text.split("\n\n")) {
    if (block.trim() === "") continue;
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith("event: ")) event = line.slice(7);
      else if (line.startsWith("data: ")) data.push(line.slice(6));
    }
    events.push({ event, data: data.join("\n") });
  }
  return events;
}

test("OpenAI: non-stream completion has the standard shape, usage and a deterministic default text", async () => {
  const s = await start();
  const res = await post(`${s.url}/v1/chat/completions`, openaiBody(), { authorization: "Bearer anything" });
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /^application\/json/);
  const json = await readJson(res);
  assert.equal(json.object, "chat.completion");
  assert.equal(json.model, "gpt-test");
  assert.equal(typeof json.id, "string");
  assert.equal(typeof json.created, "number");
  assert.equal(json.choices[0].index, 0);
  assert.equal(json.choices[0].message.role, "assistant");
  const userText = "Tell me about the weather in Lisbon during the spring months, please.";
  assert.equal(json.choices[0].message.content, `reply #0 to: ${userText.slice(0, 40)}`);
  assert.equal(json.choices[0].finish_reason, "stop");
  assert.ok(json.usage.prompt_tokens >= 1 && Number.isInteger(json.usage.prompt_tokens));
  assert.ok(json.usage.completion_tokens >= 1);
  assert.equal(json.usage.total_tokens, json.usage.prompt_tokens + json.usage.completion_tokens);

  // The base path without /v1 works too; requests are recorded in order with parsed bodies and headers.
  const res2 = await post(`${s.url}/chat/completions`, openaiBody());
  assert.equal(res2.status, 200);
  assert.equal((await readJson(res2)).choices[0].message.content.startsWith("reply #1 to: "), true);
  assert.equal(s.requests.length, 2);
  assert.deepEqual(
    s.requests.map((r) => [r.index, r.api, r.path, r.stream]),
    [
      [0, "openai", "/v1/chat/completions", false],
      [1, "openai", "/chat/completions", false],
    ],
  );
  assert.equal(s.requests[0]?.body.model, "gpt-test");
  assert.equal(s.requests[0]?.headers.authorization, "Bearer anything");
  const { firstRequestMs, lastReplyMs, ...counts } = s.stats();
  assert.deepEqual(counts, {
    received: 2,
    completed: 2,
    faulted: {},
    maxInFlight: 1,
    rejectedByCap: 0,
    inFlight: 0,
  });
  assert.ok(firstRequestMs !== undefined && lastReplyMs !== undefined && lastReplyMs >= firstRequestMs);
});

test("OpenAI: SSE stream reassembles to the reply text, with finish_reason, usage and [DONE]", async () => {
  const text = "The quick brown fox jumps over the lazy dog. 🦊 Done.";
  const s = await start({ reply: () => ({ text, usage: { input: 11, output: 7 } }) });
  const res = await post(
    `${s.url}/v1/chat/completions`,
    openaiBody({ stream: true, stream_options: { include_usage: true } }),
  );
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /^text\/event-stream/);
  const events = parseSse(await res.text());
  assert.equal(events.at(-1)?.data, "[DONE]");
  const chunks = events.slice(0, -1).map((e) => JSON.parse(e.data));
  let content = "";
  let finish: unknown;
  let usage: unknown;
  let contentDeltas = 0;
  for (const c of chunks) {
    assert.equal(c.object, "chat.completion.chunk");
    const choice = c.choices[0];
    if (choice?.delta?.content) {
      content += choice.delta.content;
      contentDeltas++;
    }
    if (choice?.finish_reason) finish = choice.finish_reason;
    if (c.usage) usage = c.usage;
  }
  assert.equal(content, text);
  assert.ok(contentDeltas >= 2, "split into several deltas");
  assert.equal(finish, "stop");
  assert.deepEqual(usage, { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 });
  assert.equal(s.requests[0]?.stream, true);

  // Without include_usage, no chunk carries usage.
  const plain = parseSse(
    await (await post(`${s.url}/v1/chat/completions`, openaiBody({ stream: true }))).text(),
  );
  assert.ok(plain.slice(0, -1).every((e) => !("usage" in JSON.parse(e.data))));
});

test("Anthropic: non-stream message and SSE event sequence", async () => {
  const s = await start();
  const res = await post(`${s.url}/v1/messages`, anthropicBody(), { "x-api-key": "k" });
  assert.equal(res.status, 200);
  const json = await readJson(res);
  assert.equal(json.type, "message");
  assert.equal(json.role, "assistant");
  assert.equal(json.model, "claude-test");
  assert.match(json.id, /^msg_/);
  assert.deepEqual(json.content, [{ type: "text", text: "reply #0 to: Hello there, Claude" }]);
  assert.equal(json.stop_reason, "end_turn");
  assert.ok(json.usage.input_tokens >= 1 && json.usage.output_tokens >= 1);

  const streamed = await post(`${s.url}/v1/messages`, anthropicBody({ stream: true }));
  assert.match(streamed.headers.get("content-type") ?? "", /^text\/event-stream/);
  const events = parseSse(await streamed.text());
  for (const e of events) assert.equal(JSON.parse(e.data).type, e.event, "event: line matches data.type");
  const names = events.map((e) => e.event).filter((n) => n !== "ping" && n !== "content_block_delta");
  assert.deepEqual(names, [
    "message_start",
    "content_block_start",
    "content_block_stop",
    "message_delta",
    "message_stop",
  ]);
  const deltas = events.filter((e) => e.event === "content_block_delta").map((e) => JSON.parse(e.data));
  assert.ok(deltas.length >= 2);
  assert.ok(deltas.every((d) => d.delta.type === "text_delta"));
  assert.equal(deltas.map((d) => d.delta.text).join(""), "reply #1 to: Hello there, Claude");
  const start0 = JSON.parse(events[0]?.data ?? "{}");
  assert.ok(start0.message.usage.input_tokens >= 1);
  const messageDelta = JSON.parse(events.find((e) => e.event === "message_delta")?.data ?? "{}");
  assert.equal(messageDelta.delta.stop_reason, "end_turn");
  assert.ok(messageDelta.usage.output_tokens >= 1);
});

test("structured output: the default reply satisfies the request's JSON schema", async () => {
  const s = await start();
  const schema = {
    type: "object",
    properties: {
      name: { type: "string", minLength: 12 },
      age: { type: "integer", minimum: 18 },
      score: { type: "number" },
      tone: { type: "string", enum: ["formal", "casual"] },
      active: { type: "boolean" },
      tags: { type: "array", items: { type: "string" } },
      address: { $ref: "#/$defs/address" },
      nickname: { anyOf: [{ type: "null" }, { type: "string", maxLength: 3 }] },
    },
    required: ["name", "age", "score", "tone", "active", "tags", "address", "nickname"],
    additionalProperties: false,
    $defs: { address: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
  };
  const res = await post(
    `${s.url}/v1/chat/completions`,
    openaiBody({
      response_format: { type: "json_schema", json_schema: { name: "person", strict: true, schema } },
    }),
  );
  const value = JSON.parse((await readJson(res)).choices[0].message.content);
  assert.deepEqual(Object.keys(value).sort(), [...schema.required].sort());
  assert.equal(typeof value.name, "string");
  assert.ok(value.name.length >= 12);
  assert.equal(value.age, 18);
  assert.equal(typeof value.score, "number");
  assert.equal(value.tone, "formal");
  assert.equal(value.active, true);
  assert.equal(value.tags.length, 1);
  assert.equal(typeof value.tags[0], "string");
  assert.equal(typeof value.address.city, "string");
  assert.ok(value.nickname.length <= 3);

  const jsonMode = await post(
    `${s.url}/v1/chat/completions`,
    openaiBody({ response_format: { type: "json_object" } }),
  );
  assert.equal(typeof JSON.parse((await readJson(jsonMode)).choices[0].message.content), "object");

  // Anthropic: a tool's input_schema is honoured, the JSON comes back as the text block.
  const tool = { name: "emit", input_schema: { type: "object", properties: { ok: { type: "boolean" } } } };
  const ant = await post(`${s.url}/v1/messages`, anthropicBody({ tools: [tool] }));
  assert.deepEqual(JSON.parse((await readJson(ant)).content[0].text), { ok: true });

  // A custom reply can return { json } and async replies work.
  const custom = await start({ reply: async () => ({ json: { a: [1, 2] } }) });
  const c = await post(`${custom.url}/v1/chat/completions`, openaiBody());
  assert.deepEqual(JSON.parse((await readJson(c)).choices[0].message.content), { a: [1, 2] });
});

test("requireKey: wrong or missing keys get 401 in each API's error shape", async () => {
  const s = await start({ requireKey: "sk-good" });
  const bad = await post(`${s.url}/v1/chat/completions`, openaiBody(), { authorization: "Bearer sk-bad" });
  assert.equal(bad.status, 401);
  const badJson = await readJson(bad);
  assert.equal(typeof badJson.error.message, "string");
  assert.equal(badJson.error.type, "invalid_request_error");
  assert.equal(badJson.error.code, "invalid_api_key");
  const good = await post(`${s.url}/v1/chat/completions`, openaiBody(), { authorization: "Bearer sk-good" });
  assert.equal(good.status, 200);
  await good.arrayBuffer();

  const missing = await post(`${s.url}/v1/messages`, anthropicBody());
  assert.equal(missing.status, 401);
  const missingJson = await readJson(missing);
  assert.equal(missingJson.type, "error");
  assert.equal(missingJson.error.type, "authentication_error");
  const ok = await post(`${s.url}/v1/messages`, anthropicBody(), { "x-api-key": "sk-good" });
  assert.equal(ok.status, 200);
  await ok.arrayBuffer();
  assert.equal(s.stats().faulted.status401, 2);
  assert.equal(s.stats().completed, 2);
});

test("status faults: 429 with retry headers, 500 and 503 with API-shaped error bodies", async () => {
  const s = await start({
    script: (req) => {
      if (req.index === 0) return { kind: "status", status: 429, retryAfterMs: 1500 };
      if (req.index === 1) return { kind: "status", status: 500 };
      if (req.index === 2) return { kind: "status", status: 503 };
      if (req.index === 3) return { kind: "status", status: 429, retryAfterSeconds: 7, body: "slow down" };
      return undefined;
    },
  });
  const r429 = await post(`${s.url}/v1/chat/completions`, openaiBody());
  assert.equal(r429.status, 429);
  assert.equal(r429.headers.get("retry-after"), "2");
  assert.equal(r429.headers.get("retry-after-ms"), "1500");
  assert.equal((await readJson(r429)).error.code, "rate_limit_exceeded");
  const r500 = await post(`${s.url}/v1/chat/completions`, openaiBody());
  assert.equal(r500.status, 500);
  assert.equal((await readJson(r500)).error.type, "server_error");
  const r503 = await post(`${s.url}/v1/messages`, anthropicBody());
  assert.equal(r503.status, 503);
  const e503 = await readJson(r503);
  assert.equal(e503.type, "error");
  assert.equal(typeof e503.error.message, "string");
  const custom = await post(`${s.url}/v1/messages`, anthropicBody());
  assert.equal(custom.status, 429);
  assert.equal(custom.headers.get("retry-after"), "7");
  assert.equal(custom.headers.get("retry-after-ms"), null);
  assert.equal(await custom.text(), "slow down");
  const fine = await post(`${s.url}/v1/messages`, anthropicBody());
  assert.equal(fine.status, 200);
  await fine.arrayBuffer();
  assert.deepEqual(s.stats().faulted, { status429: 2, status500: 1, status503: 1 });
});

test("reset, truncated and malformed faults are observable from the client", async () => {
  const s = await start({
    script: (req) =>
      req.index === 0
        ? { kind: "reset" }
        : req.index === 1
          ? { kind: "truncated" }
          : req.index === 2 || req.index === 3
            ? { kind: "malformed" }
            : undefined,
  });
  // reset: fetch() or the body read fails with ECONNRESET (undici may report a closed socket instead).
  await assert.rejects(
    async () => {
      const res = await post(`${s.url}/v1/chat/completions`, openaiBody());
      await res.text();
    },
    (err: Error) => {
      const code = (err.cause as { code?: string } | undefined)?.code;
      return code === "ECONNRESET" || code === "UND_ERR_SOCKET";
    },
  );

  // truncated: fetch sees a premature end of body; node:http shows fewer bytes than Content-Length.
  const truncated = await new Promise<{ declared: number; got: number; errored: boolean }>((resolve) => {
    const req = httpRequest(`${s.url}/v1/chat/completions`, { method: "POST" }, (res) => {
      let got = 0;
      let errored = false;
      res.on("data", (c: Buffer) => {
        got += c.length;
      });
      res.on("error", () => {
        errored = true;
      });
      res.on("close", () => resolve({ declared: Number(res.headers["content-length"]), got, errored }));
    });
    req.end(JSON.stringify(openaiBody()));
  });
  assert.ok(truncated.got < truncated.declared, `got ${truncated.got} of ${truncated.declared} bytes`);
  assert.ok(truncated.errored || truncated.got > 0);

  const malformed = await post(`${s.url}/v1/chat/completions`, openaiBody());
  assert.equal(malformed.status, 200);
  const raw = await malformed.text();
  assert.throws(() => JSON.parse(raw), SyntaxError);
  const malformedStream = await post(`${s.url}/v1/messages`, anthropicBody({ stream: true }));
  const events = parseSse(await malformedStream.text());
  assert.ok(events.some((e) => isInvalidJson(e.data)));

  const recovered = await post(`${s.url}/v1/chat/completions`, openaiBody());
  assert.equal(recovered.status, 200);
  await readJson(recovered);
  assert.deepEqual(s.stats().faulted, { reset: 1, truncated: 1, malformed: 2 });
});

function isInvalidJson(text: string): boolean {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}

test("hang: the client's AbortSignal.timeout fires; close() resolves while a request hangs", async () => {
  const s = await startFakeLlmServer({ script: () => ({ kind: "hang" }) });
  await assert.rejects(
    post(`${s.url}/v1/chat/completions`, openaiBody(), {}, AbortSignal.timeout(200)),
    (err: Error) => err.name === "TimeoutError",
  );
  assert.equal(s.stats().faulted.hang, 1);

  const pending = post(`${s.url}/v1/messages`, anthropicBody());
  pending.catch(() => {}); // observed below
  for (let i = 0; i < 400 && s.stats().faulted.hang !== 2; i++) await new Promise((r) => setTimeout(r, 5));
  assert.equal(s.stats().faulted.hang, 2);
  await s.close();
  await assert.rejects(pending);
  await s.close(); // idempotent
});

test("concurrency cap: excess requests get 429 at once, in-flight never exceeds the cap", async () => {
  const s = await start({ maxConcurrent: 5, latencyMs: 100, retryAfterOnCapMs: 250 });
  const responses = await Promise.all(
    Array.from({ length: 20 }, () => post(`${s.url}/v1/chat/completions`, openaiBody())),
  );
  const statuses = await Promise.all(
    responses.map(async (r) => {
      await r.arrayBuffer();
      return { status: r.status, ra: r.headers.get("retry-after"), ms: r.headers.get("retry-after-ms") };
    }),
  );
  const rejected = statuses.filter((x) => x.status === 429);
  const stats = s.stats();
  assert.ok(stats.rejectedByCap >= 1, "some requests were rejected");
  assert.equal(rejected.length, stats.rejectedByCap);
  assert.ok(stats.maxInFlight <= 5 && stats.maxInFlight >= 1);
  assert.equal(stats.completed + stats.rejectedByCap, 20);
  assert.deepEqual(rejected[0], { status: 429, ra: "1", ms: "250" });
  assert.equal(stats.inFlight, 0);
});

test("seeded fault probabilities are reproducible per request index", async () => {
  const options: FakeServerOptions = {
    faults: { status500: 0.2, status503: 0.1, malformed: 0.2 },
    faultSeed: 42,
  };
  const outcomes = async (s: FakeLlmServer): Promise<string[]> => {
    const out: string[] = [];
    for (let i = 0; i < 24; i++) {
      const res = await post(`${s.url}/v1/chat/completions`, openaiBody());
      const text = await res.text();
      out.push(res.status !== 200 ? String(res.status) : isInvalidJson(text) ? "malformed" : "ok");
    }
    return out;
  };
  const a = await start(options);
  const b = await start(options);
  const c = await start({ ...options, faultSeed: 43 });
  const [seqA, seqB, seqC] = await Promise.all([outcomes(a), outcomes(b), outcomes(c)]);
  assert.deepEqual(seqB, seqA);
  assert.notDeepEqual(seqC, seqA);
  assert.ok(seqA.includes("ok") && seqA.includes("500") && seqA.includes("malformed"), seqA.join(","));
  const counted = a.stats().faulted;
  assert.equal(counted.status500, seqA.filter((x) => x === "500").length);
  assert.equal(counted.malformed, seqA.filter((x) => x === "malformed").length);
  // reset() clears everything and restarts the index, hence the sequence.
  a.reset();
  assert.equal(a.requests.length, 0);
  assert.equal(a.stats().received, 0);
  assert.deepEqual(await outcomes(a), seqA);
});

test("keep-alive sockets are reused; bad bodies get 400 and unknown routes 404", async () => {
  const s = await start();
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const reused: boolean[] = [];
  for (let i = 0; i < 3; i++) {
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest(
        `${s.url}/v1/chat/completions`,
        { method: "POST", agent, headers: { "content-type": "application/json" } },
        (res) => {
          res.resume();
          res.on("end", () => resolve());
        },
      );
      req.on("error", reject);
      req.end(JSON.stringify(openaiBody()));
      reused.push(req.reusedSocket);
    });
  }
  agent.destroy();
  assert.deepEqual(reused, [false, true, true]);

  const bad = await fetch(`${s.url}/v1/messages`, { method: "POST", body: "{not json" });
  assert.equal(bad.status, 400);
  assert.equal((await readJson(bad)).error.type, "invalid_request_error");
  const missing = await post(`${s.url}/v1/embeddings`, {});
  assert.equal(missing.status, 404);
  await missing.arrayBuffer();
});

test("benchmark options: keepRequests false keeps no request; recordOccupancy traces the slots in use", async () => {
  const server = await start({ keepRequests: false, recordOccupancy: true, latencyMs: 300 });
  const url = `${server.url}/v1/chat/completions`;
  const replies = await Promise.all([post(url, openaiBody()), post(url, openaiBody())]);
  for (const res of replies) assert.equal(res.status, 200);
  await Promise.all(replies.map(readJson));
  const stats = server.stats();
  assert.equal(server.requests.length, 0);
  assert.equal(stats.received, 2);
  assert.equal(stats.completed, 2);
  // Two requests taken, then two let go: the count rises to 2 and falls to 0, times never going back.
  const counts = (stats.occupancy ?? []).map(([, n]) => n);
  assert.deepEqual(counts, [1, 2, 1, 0]);
  const times = (stats.occupancy ?? []).map(([t]) => t);
  assert.deepEqual(
    [...times].sort((a, b) => a - b),
    times,
  );
});
