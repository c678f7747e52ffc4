/** Writes the snapshots of `dataDir`'s YAML files into `outDir` (see yaml-snapshots.mjs). */
export declare function writeYamlSnapshots(
  parseYamlSource: (text: string, file: string) => { value: unknown },
  dataDir: string,
  outDir: string,
): string[];

/** The same, with the parser compiled into `dist`. */
export declare function snapshotBundledData(root: string, dist: string): Promise<string[]>;
