import type { BuildResult } from "esbuild";

/** Packages loaded from node_modules at run time rather than bundled. */
export declare const EXTERNAL: string[];

/** Bundles the CLI and the offline worker (see bundle-cli.mjs). */
export declare function bundleCli(
  from: string,
  outdir: string,
  options?: { ext?: "js" | "ts"; write?: boolean; metafile?: boolean },
): Promise<BuildResult>;
