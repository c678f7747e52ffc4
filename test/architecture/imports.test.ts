import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { test } from "node:test";
import { bundleCli } from "../../scripts/bundle-cli.mjs";
import { ROOT } from "../helpers/paths.js";

/** Every source file with its path relative to src/. */
function sources(dir = join(ROOT, "src")): Array<{ path: string; text: string }> {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return name.endsWith(".ts")
      ? [{ path: relative(join(ROOT, "src"), full), text: readFileSync(full, "utf8") }]
      : [];
  });
}

const files = sources();
const imports = (text: string) =>
  [...text.matchAll(/^import[^"']*["']([^"']+)["']/gm)].map((m) => m[1] ?? "");
const stripComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");

test("only cli/ touches the terminal, argv or process.exit: the library never prints", () => {
  const offenders = files
    .filter((f) => !f.path.startsWith("cli/"))
    .filter((f) =>
      /\bconsole\.|process\.exit|process\.argv|process\.stdout|process\.stderr/.test(stripComments(f.text)),
    )
    .map((f) => f.path);
  assert.deepEqual(offenders, []);
});

test("dependency direction: stage modules never import the pipeline or the CLI", () => {
  // distributed/ is where the pipeline's items execute (its backends and the worker): it sits beside
  // the pipeline, which reaches it only through the Backend port and the default local backend.
  const beside = new Set(["cli", "pipeline", "distributed", "index.ts"]);
  const offenders: string[] = [];
  for (const f of files) {
    const top = f.path.split("/")[0] ?? "";
    for (const spec of imports(f.text)) {
      if (!spec.startsWith(".")) continue;
      if (top !== "cli" && /(^|\/)cli\//.test(spec)) offenders.push(`${f.path} → ${spec}`);
      if (!beside.has(top) && /(^|\/)pipeline\//.test(spec)) offenders.push(`${f.path} → ${spec}`);
      const to = target(f.path, spec);
      if (top === "pipeline" && /^distributed\//.test(to) && !PIPELINE_TO_DISTRIBUTED.has(to))
        offenders.push(`${f.path} → ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});

/** What the pipeline may use of distributed/: the port and the default backend, never an adapter. */
const PIPELINE_TO_DISTRIBUTED = new Set(["distributed/backend.ts", "distributed/local-backend.ts"]);

/** Modules loaded with import(…), by their specifier. */
const dynamicImports = (text: string) =>
  [...stripComments(text).matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? "");

test("bullmq and ioredis: only distributed/ uses them, and only redis-modules.ts loads them (on demand)", () => {
  const offenders: string[] = [];
  for (const f of files) {
    const uses = [...imports(f.text), ...dynamicImports(f.text)].filter((spec) =>
      /^(bullmq|ioredis)/.test(spec),
    );
    if (uses.length > 0 && !f.path.startsWith("distributed/"))
      offenders.push(`${f.path} uses ${uses.join(", ")}`);
    // The default install has neither: a static import that is not type-only would break every command.
    for (const m of f.text.matchAll(/^import\s+(type\s+)?[^"']*["'](bullmq|ioredis)[^"']*["']/gm))
      if (!m[1])
        offenders.push(`${f.path} imports ${m[2]} at load time (use import type, and redis-modules.ts)`);
    if (
      dynamicImports(f.text).some((spec) => /^(bullmq|ioredis)/.test(spec)) &&
      f.path !== "distributed/redis-modules.ts"
    )
      offenders.push(`${f.path} loads bullmq/ioredis itself (use distributed/redis-modules.ts)`);
  }
  assert.deepEqual(offenders, []);
});

test("only llm/ talks HTTP to providers", () => {
  const offenders: string[] = [];
  for (const f of files) {
    for (const spec of imports(f.text)) {
      if (
        /^(node:)?https?$|^undici|^openai|^@anthropic-ai|^@ai-sdk|^ai$/.test(spec) &&
        !f.path.startsWith("llm/")
      ) {
        offenders.push(`${f.path} → ${spec}`);
      }
    }
  }
  assert.deepEqual(offenders, []);
});

test("generation logic never uses Math.random or the wall clock directly", () => {
  // The clock is injected (util/clock.ts); the scheduler, the store and the distributed backend
  // measure durations and stamp cache entries, not data.
  const allowed =
    /^(util\/clock\.ts|cli\/|scheduler\/|distributed\/|llm\/(http-client|transport-error|adapters\/)|interaction\/storage\.ts)/;
  const offenders = files
    .filter((f) => !allowed.test(f.path))
    .filter((f) => /Math\.random\(|Date\.now\(|new Date\(\)/.test(stripComments(f.text)))
    .map((f) => f.path);
  assert.deepEqual(offenders, []);
});

/** The file a relative import of `from` (a path under src/) points at, under src/. */
function target(from: string, spec: string): string {
  return join(dirname(from), spec).replace(/\.js$/, ".ts");
}

// The offline engine's public surface: one entry per operation it answers and its persona traits.
// Everything else under offline/ is the engine's own business; what it shares with other modules
// (reading requests, word tables, tokenizer, protected spans, meaning overlap) is in text/.
const OFFLINE_ENTRIES = new Set([
  "offline/assistant/assistant-reply.ts",
  "offline/user/user-simulator.ts",
  "offline/style/stylize.ts",
  "offline/system-prompt/system-prompt.ts",
]);
const OFFLINE_SHARED = /^offline\/traits\//;

test("the offline engine is reached only through its operation entries and its traits", () => {
  const offenders: string[] = [];
  for (const f of files) {
    if (f.path.startsWith("offline/")) continue;
    for (const spec of imports(f.text)) {
      if (!spec.startsWith(".")) continue;
      const to = target(f.path, spec);
      if (to.startsWith("offline/") && !OFFLINE_ENTRIES.has(to) && !OFFLINE_SHARED.test(to))
        offenders.push(`${f.path} → ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test("offline/ depends only on text/, rng/, util/, persona/ and itself; text/ only on util/; llm/ on neither", () => {
  const offenders: string[] = [];
  for (const f of files) {
    for (const spec of imports(f.text)) {
      if (!spec.startsWith(".")) continue;
      const to = target(f.path, spec);
      if (f.path.startsWith("offline/") && !/^(offline|text|rng|util|persona)\//.test(to))
        offenders.push(`${f.path} → ${spec}`);
      if (f.path.startsWith("text/") && !/^(text|util)\//.test(to)) offenders.push(`${f.path} → ${spec}`);
      if (f.path.startsWith("llm/") && /^(offline|text)\//.test(to)) offenders.push(`${f.path} → ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test("the offline engine's operation folders share code only through traits/ and the modules at offline/'s root", () => {
  const offenders: string[] = [];
  for (const f of files) {
    const folder = /^offline\/([^/]+)\//.exec(f.path)?.[1];
    if (folder === undefined || folder === "traits") continue;
    for (const spec of imports(f.text)) {
      if (!spec.startsWith(".")) continue;
      const other = /^offline\/([^/]+)\//.exec(target(f.path, spec))?.[1];
      if (other !== undefined && other !== folder && other !== "traits")
        offenders.push(`${f.path} → ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});

/**
 * The only module-level variables allowed: lazily built, never-mutated-after caches of pure data
 * (the misspelling index, the Intl segmenters) and the CLI entry point's signal count.
 */
const ALLOWED_LETS = new Set([
  "noise/misspellings.ts:cache",
  "text/speller-vocabulary.ts:cache",
  "text/characters.ts:wordSegmenter",
  "text/characters.ts:graphemeSegmenter",
  "cli/main.ts:interrupts",
]);

test("no module-level `let`: no mutable module state beyond documented lazy caches", () => {
  const offenders = files.flatMap((f) =>
    [...f.text.matchAll(/^(?:export\s+)?let\s+([A-Za-z_$][\w$]*)/gm)]
      .map((m) => `${f.path}:${m[1]}`)
      .filter((name) => !ALLOWED_LETS.has(name)),
  );
  assert.deepEqual(offenders, []);
});

/**
 * The modules that importing `entry` loads: its static imports and theirs (`import type` is erased;
 * `import()` loads only when that code runs).
 */
function loadedWith(entry: string): Set<string> {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const loaded = new Set([entry]);
  const queue = [entry];
  for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
    const text = stripComments(byPath.get(path)?.text ?? "");
    for (const m of text.matchAll(/^(?:import|export)(?!\s+type\b)[^"';]*?from\s+["'](\.[^"']+)["']/gm)) {
      const to = target(path, m[1] ?? "");
      if (!loaded.has(to)) {
        loaded.add(to);
        queue.push(to);
      }
    }
  }
  return loaded;
}

test("start-up loads what the command uses: the CLI entry no command's modules, a run neither the offline engine nor noise", () => {
  // `personasynth --version` and `--help` load commander and the command definitions only; each
  // command imports its implementation (and the config modules: zod, yaml) when it runs.
  const cli = [...loadedWith("cli/main.ts")]
    .sort()
    .filter(
      (p) =>
        !/^(cli|util)\//.test(p) && !/^(config\/(secrets|zod-issues)|errors|export\/formats)\.ts$/.test(p),
    );
  assert.deepEqual(cli, ["pipeline/output-paths.ts", "report/sample-index.ts", "training/split.ts"]);
  // A run with real models: the offline engine comes with Operation.offline(), the noise modules with
  // a run that applies noise (noise/strategy-config.ts reads the strategy file every run checks).
  const run = [...loadedWith("pipeline/pipeline.ts")].sort().filter((p) => /^(offline|noise|text)\//.test(p));
  assert.deepEqual(run, ["noise/strategy-config.ts"]);
});

test("the bundled CLI (what `npm run build` ships as the bin) loads at start-up only what its entry imports", async () => {
  // The same bundle as scripts/finish-build.mjs makes, from the sources and kept in memory.
  const { metafile } = await bundleCli(join(ROOT, "src"), join(ROOT, "dist", "cli"), {
    ext: "ts",
    write: false,
    metafile: true,
  });
  assert.ok(metafile);
  const outputs = metafile.outputs;
  const main = Object.keys(outputs).find((path) => path.endsWith("/main.js")) as string;
  // The files node loads to start the bin: main.js and the chunks it imports statically (a chunk
  // reached by import() loads when that code runs).
  const loaded = new Set([main]);
  const queue = [main];
  for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
    for (const next of outputs[path]?.imports ?? []) {
      if (next.kind !== "import-statement" || next.external || loaded.has(next.path)) continue;
      loaded.add(next.path);
      queue.push(next.path);
    }
  }
  const inputs = [...loaded].flatMap((path) => Object.keys(outputs[path]?.inputs ?? {}));
  const sources = inputs
    .filter((input) => !input.includes("node_modules/"))
    .map((input) => relative(join(ROOT, "src"), resolve(input)));
  const packages = new Set(inputs.flatMap((input) => /node_modules\/([^/]+)/.exec(input)?.[1] ?? []));
  assert.deepEqual(sources.sort(), [...loadedWith("cli/main.ts")].sort());
  assert.deepEqual([...packages], ["commander"]);
});
