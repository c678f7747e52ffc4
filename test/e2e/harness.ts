// Shared helpers for the end-to-end robustness tests: a fake LLM whose replies are pure functions of
// the request content, a config writer, a CLI child-process runner and store/export readers.

import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { join } from "node:path";
import { stringify } from "yaml";
import {
  type FakeLlmServer,
  type FakeReply,
  type FakeRequest,
  type FakeServerOptions,
  startFakeLlmServer,
} from "../helpers/fake-llm-server.js";
import { ROOT } from "../helpers/paths.js";

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function sha(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The canonical request: what the response cache keys on (model, messages, parameters, schema). */
export function canonicalBody(body: unknown): string {
  if (!isRecord(body)) return JSON.stringify(body);
  const { stream: _stream, stream_options: _options, ...rest } = body;
  return stableJson(rest);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

const WORDS = (
  "alpha bravo cable delta ember fjord gamma harbor index jigsaw kernel lumen matrix " +
  "nectar orbit pixel quartz ripple sierra tundra umbra vector willow xenon yarrow zephyr"
).split(" ");

/** Deterministic words from a hex hash. */
function wordsFrom(hash: string, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const byte = Number.parseInt(hash.slice((i * 2) % 60, ((i * 2) % 60) + 2), 16);
    out.push(WORDS[byte % WORDS.length] as string);
  }
  return out.join(" ");
}

/** A JSON value valid for `schema`, every string derived from `hash` and the key path. */
function valueFor(schema: unknown, root: unknown, hash: string, path: string, depth = 0): unknown {
  if (!isRecord(schema) || depth > 12) return null;
  if (typeof schema.$ref === "string" && schema.$ref.startsWith("#")) {
    let node: unknown = root;
    for (const part of schema.$ref.slice(1).split("/").filter(Boolean))
      node = isRecord(node) ? node[part] : undefined;
    return valueFor(node, root, hash, path, depth + 1);
  }
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const union = Array.isArray(schema.anyOf)
    ? schema.anyOf
    : Array.isArray(schema.oneOf)
      ? schema.oneOf
      : null;
  if (union && union.length > 0) {
    const option = union.find((o: unknown) => !(isRecord(o) && o.type === "null")) ?? union[0];
    return valueFor(option, root, hash, path, depth + 1);
  }
  let type: unknown = schema.type;
  if (Array.isArray(type)) type = type.find((t) => t !== "null") ?? "null";
  if (type === undefined)
    type = isRecord(schema.properties) ? "object" : schema.items !== undefined ? "array" : "string";
  switch (type) {
    case "object": {
      const out: Json = {};
      const props = isRecord(schema.properties) ? schema.properties : {};
      for (const key of Object.keys(props))
        out[key] = valueFor(props[key], root, hash, `${path}.${key}`, depth + 1);
      return out;
    }
    case "array": {
      const n = Math.max(1, typeof schema.minItems === "number" ? schema.minItems : 1);
      return Array.from({ length: n }, (_, i) =>
        valueFor(schema.items ?? {}, root, hash, `${path}[${i}]`, depth + 1),
      );
    }
    case "string": {
      let s = wordsFrom(sha(`${hash}${path}`), 5);
      if (typeof schema.minLength === "number" && s.length < schema.minLength)
        s = s.padEnd(schema.minLength, "x");
      if (typeof schema.maxLength === "number" && s.length > schema.maxLength)
        s = s.slice(0, schema.maxLength);
      return s;
    }
    case "number":
    case "integer": {
      const min = typeof schema.minimum === "number" ? schema.minimum : 0;
      const max = typeof schema.maximum === "number" ? schema.maximum : min + 10;
      const u = Number.parseInt(sha(`${hash}${path}`).slice(0, 8), 16) / 0xffffffff;
      const n = min + u * (max - min);
      return type === "integer" ? Math.round(n) : Math.round(n * 1000) / 1000;
    }
    case "boolean":
      return Number.parseInt(sha(`${hash}${path}`).slice(0, 2), 16) % 2 === 0;
    default:
      return null;
  }
}

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((part) => (isRecord(part) && typeof part.text === "string" ? part.text : "")).join("");
}

/** Which turn the simulated user is at, and how long the conversation is planned to last. */
function userTurnOf(prompt: string): { turn: number; target: number } {
  const m = /This is turn (\d+) of a conversation planned to last about (\d+) turns/.exec(prompt);
  if (m) return { turn: Number(m[1]), target: Number(m[2]) };
  // Fallback for other templates: count the assistant replies in the rendered history.
  const replies = prompt.split("\nAssistant: ").length - 1;
  return { turn: replies, target: 3 };
}

/**
 * The fake's reply: a pure function of the request content (never of arrival order). Structured
 * requests get a schema-valid object; the simulated user is satisfied from the planned turn on, so
 * conversations last 2–4 turns; plain requests get a text derived from the hash of the messages.
 */
export function deterministicReply(req: FakeRequest): FakeReply {
  const body: Json = isRecord(req.body) ? req.body : {};
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const hash = sha(canonicalBody({ model: body.model, messages }));
  const rf = body.response_format;
  const schema = isRecord(rf) && isRecord(rf.json_schema) ? rf.json_schema.schema : undefined;
  const name = isRecord(rf) && isRecord(rf.json_schema) ? rf.json_schema.name : undefined;
  if (isRecord(schema)) {
    if (name === "user_turn") {
      const last = messages.at(-1);
      const prompt = isRecord(last) ? textOf(last.content) : "";
      const { turn, target } = userTurnOf(prompt);
      const satisfied = turn >= target;
      return { json: { satisfied, feedback: satisfied ? "" : `could you ${wordsFrom(hash, 6)}?` } };
    }
    return { json: valueFor(schema, schema, hash, name === undefined ? "$" : String(name)) };
  }
  return {
    text: `Here is a careful answer about ${wordsFrom(hash, 8)}. First, ${wordsFrom(hash.slice(16), 10)}. Then ${wordsFrom(hash.slice(32), 10)}.`,
  };
}

/** Starts the fake with deterministic replies. */
export function startDeterministicFake(options: FakeServerOptions = {}): Promise<FakeLlmServer> {
  return startFakeLlmServer({ reply: deterministicReply, ...options });
}

/** Requests whose canonical body the server had already received before (one count per extra copy). */
export function repeatedRequests(requests: readonly FakeRequest[]): number {
  const seen = new Set<string>();
  let repeated = 0;
  for (const r of requests) {
    const key = canonicalBody(r.body);
    if (seen.has(key)) repeated++;
    else seen.add(key);
  }
  return repeated;
}

/**
 * Writes `config.yaml` for the fake into `dir` (merged with `overrides`; `null` removes a key) and
 * returns its path. Defaults: 3 queries per persona, 2–4 turns, seed 7, max_concurrency 16.
 */
export function writeConfig(dir: string, url: string, overrides: Json = {}): string {
  const config: Json = {
    api: { provider: "fake", model: "fake-model" },
    providers: {
      fake: { type: "openai-compatible", base_url: `${url}/v1`, api_key: "sk-test", max_concurrency: 16 },
    },
    interaction_generation: { min_turns: 2, max_turns: 4 },
    llm: { max_attempts: 6 },
    query_generation: { selection: { queries_per_persona: 3 } },
    experiment: { seed: 7 },
  };
  const merged = deepMerge(config, overrides);
  const path = join(dir, "config.yaml");
  writeFileSync(path, stringify(merged));
  return path;
}

/** Merges `extra` into `base`; a `null` in `extra` removes the key. */
function deepMerge(base: Json, extra: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    const b = out[k];
    if (v === null) delete out[k];
    else out[k] = isRecord(b) && isRecord(v) ? deepMerge(b, v) : v;
  }
  return out;
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** A CLI child process (`node --import tsx src/cli/main.ts …`, cwd = project root). */
export interface CliChild {
  child: ChildProcess;
  done: Promise<CliResult>;
}

/** Node's arguments that start the CLI from its source (cwd = project root), before the CLI's own. */
export const CLI_ENTRY = ["--import", "tsx", "src/cli/main.ts"] as const;

/** Spawns the CLI; `env` replaces the environment (PATH and HOME are kept). */
export function spawnCli(args: string[], env: Record<string, string> = {}): CliChild {
  const started = performance.now();
  const child = spawn(process.execPath, [...CLI_ENTRY, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (s: string) => {
    stdout += s;
  });
  child.stderr?.setEncoding("utf8").on("data", (s: string) => {
    stderr += s;
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) =>
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started }),
    );
  });
  return { child, done };
}

/** Runs the CLI to its end. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return spawnCli(args, env).done;
}

/** Every line of every JSONL segment of a store directory, parsed (throws on a torn line). */
export function readStoreLines(dir: string, prefix = "interactions"): Json[] {
  if (!existsSync(dir)) return [];
  const out: Json[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith(".jsonl"))
    .sort()) {
    const text = readFileSync(join(dir, file), "utf8");
    const lines = text.split("\n");
    if (lines.at(-1) !== "") throw new Error(`${file}: the last line is not terminated (torn record)`);
    lines.pop();
    lines.forEach((line, i) => {
      try {
        out.push(JSON.parse(line) as Json);
      } catch {
        throw new Error(`${file}:${i + 1}: not valid JSON (torn record): ${line.slice(0, 80)}`);
      }
    });
  }
  return out;
}

/** The latest export's split files (`train`, `validation`, `test`) by name, from the file names. */
export function latestExport(trainingDir: string): Record<string, string> {
  const files = readdirSync(trainingDir).filter((f) =>
    /^(train|validation|test)_samples_\d{8}_\d{6}\.json$/.test(f),
  );
  const stamps = [...new Set(files.map((f) => /_(\d{8}_\d{6})\.json$/.exec(f)?.[1] as string))].sort();
  const last = stamps.at(-1);
  if (last === undefined) throw new Error(`no export in ${trainingDir}`);
  const out: Record<string, string> = {};
  for (const split of ["train", "validation", "test"]) {
    const path = join(trainingDir, `${split}_samples_${last}.json`);
    if (existsSync(path)) out[split] = readFileSync(path, "utf8");
  }
  return out;
}

/** An export's text without its timestamps: `created_at` is wall-clock data, not generated content. */
export function withoutTimestamps(text: string): string {
  return text.replace(/"created_at": ?"[^"]*"/g, '"created_at":"-"');
}

/** A local TCP port with nothing listening on it. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The lines of a CLI's stderr that report an error. */
export function errorLines(stderr: string): string[] {
  return stderr.split("\n").filter((line) => /^(error|internal error):/.test(line));
}

/** The samples of an export, every split together. */
export function exportedSamples(files: Record<string, string>): Json[] {
  return Object.values(files).flatMap((text) => JSON.parse(text) as Json[]);
}

/**
 * Exactly one error line — no stack trace, no internal error, no indented continuation — and nothing
 * else on stderr repeating it; returns that line.
 */
export function oneErrorLine(result: CliResult): string {
  assert.doesNotMatch(
    result.stderr,
    /internal error|\n\s+at \S+ \(/,
    `a crash, not an error message:\n${result.stderr}`,
  );
  const lines = errorLines(result.stderr);
  assert.equal(lines.length, 1, `expected one error line:\n${result.stderr}`);
  const all = result.stderr.split("\n");
  const next = all[all.indexOf(lines[0] as string) + 1] ?? "";
  assert.doesNotMatch(next, /^\s+\S/, `the error goes on over several lines:\n${result.stderr}`);
  return lines[0] as string;
}

/** The arguments of `personasynth run --config <config> --personas <personas> --out <out> …extra`. */
export function runArgs(
  config: string,
  personas: number | string,
  out: string,
  ...extra: string[]
): string[] {
  return ["run", "--config", config, "--personas", String(personas), "--out", out, ...extra];
}
