import { randomBytes } from "node:crypto";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { InternalError, ioError } from "../errors.js";
import type { TrainingSample } from "../training/sample.js";
import type { SplitName } from "../training/split.js";
import { syncDirectory, writeTextAtomic } from "../util/atomic-write.js";
import { datasetCard } from "./dataset-card.js";
import type { FinishContext, FormatFiles, FormatTarget, FormatWriter } from "./format-writer.js";
import type { Field } from "./parquet-fields.js";
import type { ParquetFile } from "./parquet-file.js";
import type { ParquetLayout } from "./parquet-layout.js";

/** Sizes of the Parquet output (estimated uncompressed text per row group, written bytes per shard). */
export interface ParquetSizes {
  /**
   * The text all splits may hold in rows not yet written (default 8 MiB): past it, the split holding
   * the most is written as a row group. One budget for all splits bounds memory however they are sized.
   */
  rowGroupBytes: number;
  /** A shard file closes after the row group that takes it past this size (default 256 MiB). */
  shardBytes: number;
}

/**
 * The default sizes: row groups small enough for bounded memory and quick previews on the Hub. The
 * peak RSS of an export grows by about 4 bytes per byte of this budget (the rows as JS objects, their
 * encoded pages): for 50,000 samples 16 MiB peaked at 216 MB, 8 MiB at 187 MB (and was faster).
 * At 1,000,000 samples 8 MiB peaked at 343 MB and 4 MiB at 366+ MB before the quality statistics;
 * with them, 759 MB; 654 MB with ids in an IdMap; 612 MB with the duplicate index grown in place;
 * 287 MB with the duplicate indexes spilled to temporary files (~25 bytes a sample left in memory;
 * the same export without any duplicate index peaked at 262 MB). Single runs on a shared machine.
 */
export const DEFAULT_PARQUET_SIZES: ParquetSizes = { rowGroupBytes: 8 << 20, shardBytes: 256 << 20 };

/** One split's rows on their way to its shards. */
class SplitShards {
  columns: unknown[][];
  pendingBytes = 0;
  count = 0;
  textBytes = 0;
  current: ParquetFile | undefined;
  readonly done: ParquetFile[] = [];

  constructor(
    readonly split: SplitName,
    width: number,
  ) {
    this.columns = Array.from({ length: width }, () => []);
  }
}

/**
 * `parquet`: the Hugging Face dataset layout — `parquet<suffix>/data/<split>-0000i-of-0000N.parquet`
 * (sharded by size) with the dataset card `README.md` beside `data/`. Rows are buffered one row
 * group at a time; the directory is built under a temporary name and swapped in when complete, so
 * a reader sees the previous dataset or the new one, never a mix of shards.
 */
export class ParquetFormatWriter implements FormatWriter {
  private readonly shards = new Map<SplitName, SplitShards>();
  private pendingBytes = 0;

  private constructor(
    private readonly target: FormatTarget,
    private readonly staging: string,
    private readonly layout: ParquetLayout,
    private readonly fields: Field[],
    private readonly sizes: ParquetSizes,
    private readonly createdBy: string,
  ) {
    for (const split of target.splits) this.shards.set(split, new SplitShards(split, fields.length));
  }

  /** The dataset directory's final path. */
  static directory(target: FormatTarget): string {
    return join(target.outDir, `parquet${target.suffix}`);
  }

  static async open(
    target: FormatTarget,
    layout: ParquetLayout,
    options: { sizes?: Partial<ParquetSizes>; createdBy: string },
  ): Promise<ParquetFormatWriter> {
    const staging = join(target.outDir, `.parquet${target.suffix}.${randomBytes(6).toString("hex")}.tmp`);
    try {
      await mkdir(join(staging, "data"), { recursive: true });
    } catch (error) {
      throw ioError("create directory", staging, error);
    }
    const sizes = { ...DEFAULT_PARQUET_SIZES, ...options.sizes };
    return new ParquetFormatWriter(target, staging, layout, layout.fields(), sizes, options.createdBy);
  }

  async add(sample: TrainingSample, split: SplitName): Promise<void> {
    const shards = this.shards.get(split);
    if (!shards) throw new InternalError(`no Parquet output for split ${split}`);
    const { values, bytes } = this.layout.row(sample, this.fields);
    for (let i = 0; i < values.length; i++) shards.columns[i]?.push(values[i]);
    shards.pendingBytes += bytes;
    shards.textBytes += bytes;
    shards.count++;
    this.pendingBytes += bytes;
    if (this.pendingBytes >= this.sizes.rowGroupBytes) await this.writeRowGroup(this.fullest());
  }

  /** The split holding the most unwritten text. */
  private fullest(): SplitShards {
    let fullest: SplitShards | undefined;
    for (const shards of this.shards.values()) {
      if (!fullest || shards.pendingBytes > fullest.pendingBytes) fullest = shards;
    }
    return fullest as SplitShards;
  }

  private async writeRowGroup(shards: SplitShards): Promise<void> {
    if ((shards.columns[0]?.length ?? 0) === 0) return;
    // Loaded on first use: the Parquet writer is ~50 modules that a run without a Parquet export
    // would load at every start-up.
    const { ParquetFile } = await import("./parquet-file.js");
    shards.current ??= await ParquetFile.create(
      join(this.staging, "data", `${shards.split}-${shards.done.length}.parquet.part`),
      this.fields,
      this.createdBy,
    );
    await shards.current.writeRowGroup(this.fields, shards.columns);
    shards.columns = shards.columns.map(() => []);
    this.pendingBytes -= shards.pendingBytes;
    shards.pendingBytes = 0;
    if (shards.current.bytes >= this.sizes.shardBytes) await this.closeShard(shards);
  }

  private async closeShard(shards: SplitShards): Promise<void> {
    if (!shards.current) return;
    await shards.current.finish();
    shards.done.push(shards.current);
    shards.current = undefined;
  }

  async finish(context: FinishContext): Promise<FormatFiles> {
    const dir = ParquetFormatWriter.directory(this.target);
    const splits: FormatFiles["splits"] = {};
    const cardSplits = [];
    for (const shards of this.shards.values()) {
      await this.writeRowGroup(shards);
      await this.closeShard(shards);
      const n = shards.done.length;
      const names = shards.done.map((_, i) => `${shards.split}-${pad(i)}-of-${pad(n)}.parquet`);
      for (const [i, file] of shards.done.entries()) {
        await rename(file.path, join(this.staging, "data", names[i] as string));
      }
      if (n === 0) continue;
      splits[shards.split] = names.map((name) => join(dir, "data", name));
      cardSplits.push({ name: shards.split, count: shards.count, textBytes: shards.textBytes });
    }
    await syncDirectory(join(this.staging, "data"));
    await writeTextAtomic(
      join(this.staging, "README.md"),
      datasetCard({ fields: this.fields, splits: cardSplits, ...context }),
    );
    await swapDirectory(this.staging, dir);
    return { splits, dir, card: join(dir, "README.md") };
  }

  async abort(): Promise<void> {
    for (const shards of this.shards.values()) await shards.current?.abort();
    await rm(this.staging, { recursive: true, force: true }).catch(() => undefined);
  }
}

function pad(n: number): string {
  return String(n).padStart(5, "0");
}

/**
 * Puts a finished directory in place of `target`: an existing one is moved aside first and removed
 * after, since a directory cannot be renamed over a non-empty one.
 */
async function swapDirectory(staging: string, target: string): Promise<void> {
  const old = `${staging}.old`;
  let moved = false;
  try {
    await rename(target, old);
    moved = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw ioError("replace", target, error);
  }
  try {
    await rename(staging, target);
  } catch (error) {
    throw ioError("write", target, error);
  }
  await syncDirectory(join(target, ".."));
  if (moved) await rm(old, { recursive: true, force: true });
}
