import { extname } from "node:path";
import { ConfigError } from "../errors.js";
import { readFileHead } from "../util/file-chunks.js";

/** The dataset formats seed queries can be read from. */
export type SeedFormat = "jsonl" | "json" | "csv" | "sharegpt" | "parquet";

/** Every {@link SeedFormat}, for validation and messages. */
export const SEED_FORMATS: readonly SeedFormat[] = ["jsonl", "json", "csv", "sharegpt", "parquet"];

/** A format to read a file with, and for CSV its delimiter. */
export interface ResolvedFormat {
  format: SeedFormat;
  delimiter: "," | "\t";
}

const BY_EXTENSION: Record<string, SeedFormat> = {
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".json": "json",
  ".csv": "csv",
  ".tsv": "csv",
  ".tab": "csv",
  ".parquet": "parquet",
  ".pq": "parquet",
};

/**
 * The format of a dataset: the one given, else the file's extension (`.jsonl`/`.ndjson`, `.json`,
 * `.csv`, `.tsv`/`.tab` for tab-separated, `.parquet`), else its first bytes (`PAR1` is Parquet, `[`
 * a JSON array, `{` JSONL). ShareGPT is sniffed later, from the rows. Fails with a ConfigError naming
 * the file when it cannot tell.
 */
export async function resolveSeedFormat(path: string, format?: string): Promise<ResolvedFormat> {
  const extension = extname(path).toLowerCase();
  const delimiter = extension === ".tsv" || extension === ".tab" ? "\t" : ",";
  if (format !== undefined) {
    if (!(SEED_FORMATS as readonly string[]).includes(format)) {
      throw new ConfigError(`unknown seed dataset format "${format}"`, [], {
        where: path,
        hint: `use one of: ${SEED_FORMATS.join(", ")}`,
      });
    }
    return { format: format as SeedFormat, delimiter };
  }
  const known = BY_EXTENSION[extension];
  if (known !== undefined) return { format: known, delimiter };
  const head = await readFileHead(path, 4096);
  if (head.subarray(0, 4).toString("latin1") === "PAR1") return { format: "parquet", delimiter };
  const first = /\S/.exec(head.toString("utf8").replace(/^\uFEFF/, ""))?.[0];
  if (first === "[") return { format: "json", delimiter };
  if (first === "{") return { format: "jsonl", delimiter };
  throw new ConfigError(`cannot tell the format of this dataset from its name or its first bytes`, [], {
    where: path,
    hint: `give its format: one of ${SEED_FORMATS.join(", ")}`,
  });
}
