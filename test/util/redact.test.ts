import assert from "node:assert/strict";
import { test } from "node:test";
import { resolveConfig } from "../../src/config/load.js";
import { secretValues } from "../../src/config/secrets.js";
import { excerpt } from "../../src/util/excerpt.js";
import { REDACTED, Redactor } from "../../src/util/redact.js";

test("Redactor masks every occurrence, also JSON-escaped, longest first; short values are not secrets", () => {
  const r = new Redactor(["sk-abc123456789", 'pa"ss\\word123', "short"]);
  assert.equal(r.text("m-sk-abc123456789 and sk-abc123456789"), `m-${REDACTED} and ${REDACTED}`);
  assert.equal(r.text(JSON.stringify({ k: 'pa"ss\\word123' })), `{"k":"${REDACTED}"}`);
  assert.equal(r.text("a short text"), "a short text");
  assert.equal(
    new Redactor(["sk-abc123456789", "sk-abc123456789-longer"]).text("sk-abc123456789-longer"),
    REDACTED,
  );
});

test("Redactor.value: the same object when nothing is masked, a masked copy otherwise (keys too)", () => {
  const r = new Redactor(["sk-abc123456789"]);
  const clean = { a: ["x", { b: 1 }], c: "y" };
  assert.equal(r.value(clean), clean);
  const dirty = {
    model: "m-sk-abc123456789",
    by_model: { "p/m-sk-abc123456789": 2 },
    list: ["sk-abc123456789"],
  };
  assert.deepEqual(r.value(dirty), {
    model: `m-${REDACTED}`,
    by_model: { [`p/m-${REDACTED}`]: 2 },
    list: [REDACTED],
  });
  assert.equal(dirty.model, "m-sk-abc123456789", "the original is not changed");
  assert.equal(Redactor.none.active, false);
});

test("Redactor.mayHide: false only for JSON text whose parsed strings cannot hold a secret", () => {
  const r = new Redactor(["sk-abc123456789", 'pa"ss\\word123']);
  assert.equal(r.mayHide(JSON.stringify({ a: "clean", b: ['text\nwith "escapes"'] })), false);
  assert.equal(r.mayHide(JSON.stringify({ a: "x sk-abc123456789 y" })), true);
  assert.equal(r.mayHide(JSON.stringify({ 'pa"ss\\word123': 1 })), true, "a key, JSON-escaped");
  // The same secret behind escapes JSON.stringify never writes: parsing gives it back.
  const unicode = '{"a":"\\u0073k-abc123456789"}';
  assert.equal((JSON.parse(unicode) as { a: string }).a, "sk-abc123456789");
  assert.equal(r.mayHide(unicode), true);
  const slashed = '{"a":"tok\\/abc123456789"}';
  assert.equal((JSON.parse(slashed) as { a: string }).a, "tok/abc123456789");
  assert.equal(new Redactor(["tok/abc123456789"]).mayHide(slashed), true);
  assert.equal(Redactor.none.mayHide(JSON.stringify({ a: "sk-abc123456789" })), false);
});

test("secretValues: configured keys, the variables api_key_env names, credential headers, secret-named variables", () => {
  const config = resolveConfig({
    api: { provider: "offline", api_key: "sk-api-1234567890" },
    providers: {
      local: {
        base_url: "http://127.0.0.1:9/v1",
        api_key_env: "LOCAL_CREDS",
        headers: { Authorization: "Bearer tok-0987654321", "X-Trace": "trace-visible-value" },
      },
    },
  });
  const values = secretValues(config, {
    LOCAL_CREDS: "local-secret-value",
    OPENAI_API_KEY: "sk-openai-123456",
    HF_TOKEN: "hf_abcdefghij",
    HOME: "/home/someone",
  });
  for (const secret of [
    "sk-api-1234567890",
    "local-secret-value",
    "tok-0987654321",
    "sk-openai-123456",
    "hf_abcdefghij",
  ])
    assert.ok(values.includes(secret), secret);
  assert.ok(!values.includes("/home/someone"));
  assert.ok(!values.includes("trace-visible-value"));
});

test("excerpt masks what looks like a key and cuts the rest", () => {
  assert.equal(excerpt("OPENAI_API_KEY=sk-live-7f3a9c2e1b8d4f60a5e7"), "OPENAI_API_KEY=[redacted]");
  assert.equal(excerpt('{"api_key": "abc"}'), '{"api_key": "[redacted]"}');
  assert.equal(excerpt("token ghp_16C7e42F292c6912E7710c838347Ae178B4a here"), "token [redacted] here");
  assert.equal(excerpt("How do I bake sourdough bread at home?"), "How do I bake sourdough bread at home?");
  assert.equal(excerpt("x".repeat(100), 10), `${"x".repeat(9)}…`);
});
