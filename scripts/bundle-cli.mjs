// The CLI as one bundle, code-split at every import(): `dist/cli/main.js` (the `personasynth` bin) and
// the offline engine's worker thread (`dist/cli/offline-worker.js`, which the pool loads beside
// itself), with chunks beside them. Loading ~290 modules one by one (resolve, read, link each) was
// ~0.2 s of CPU at every start: a cold `personasynth run` of 8 conversations used 0.78–0.86 s
// unbundled and 0.59–0.63 s bundled (shared machine, load ~3). Code reached only through import()
// stays in chunks of its own, so a command still loads only what it uses (test/architecture).
//
// The library (`dist/index.js`) is not bundled: an application imports the compiled modules.
// Native and optional packages stay outside the bundle: better-sqlite3 (a .node addon), bullmq and
// ioredis (installed only for distributed runs; loaded on demand).
import { build } from "esbuild";

/** Packages loaded from node_modules at run time rather than bundled. */
export const EXTERNAL = ["better-sqlite3", "bullmq", "ioredis"];

/**
 * Bundles the CLI entry (`<from>/cli/main`) and the offline worker (`<from>/pipeline/offline-worker`)
 * into `outdir`: from tsc's output (`ext` "js") for the build, from the sources (`ext` "ts") for a
 * test, which may keep the files in memory (`write: false`) and ask for esbuild's metafile. Every
 * output file sits directly in `outdir`, two levels below the package root like the modules it was
 * made from, so paths the code builds from import.meta.url (data/, package.json, the worker) hold.
 */
export function bundleCli(from, outdir, { ext = "js", write = true, metafile = false } = {}) {
  return build({
    entryPoints: {
      main: `${from}/cli/main.${ext}`,
      "offline-worker": `${from}/pipeline/offline-worker.${ext}`,
    },
    outdir,
    write,
    metafile,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // esbuild 0.28 takes Node 20 for lacking \p{…} in regular expressions and rewrites every such
    // literal into `new RegExp("…", "u")`: inside a function that builds a regular expression at every
    // call (capitalize(), the style steps), ~0.3 µs each. Node has had them since 10.
    supported: { "regexp-unicode-property-escapes": true },
    chunkNames: "chunk-[hash]",
    external: EXTERNAL,
    // Some bundled packages are CommonJS and call require(): ESM output has none of its own.
    banner: {
      js: "import { createRequire as __personasynthRequire } from 'node:module'; const require = __personasynthRequire(import.meta.url);",
    },
    logLevel: "warning",
  });
}
