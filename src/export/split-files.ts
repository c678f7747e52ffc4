import { join } from "node:path";
import { InternalError } from "../errors.js";
import type { SplitName } from "../training/split.js";
import { AtomicFileWriter } from "../util/atomic-write.js";
import type { FormatFiles, FormatTarget } from "./format-writer.js";

/**
 * One atomically written file per split (`<split>_<kind><suffix>.<ext>`): the shared plumbing of the
 * line- and array-based formats. Every file exists once the export finishes, even an empty split's.
 */
export class SplitFiles {
  private constructor(private readonly files: ReadonlyMap<SplitName, AtomicFileWriter>) {}

  /** Opens the temporary file of every split; on failure, the ones already opened are removed. */
  static async open(target: FormatTarget, kind: string, ext: string): Promise<SplitFiles> {
    const files = new Map<SplitName, AtomicFileWriter>();
    try {
      for (const split of target.splits) {
        files.set(
          split,
          await AtomicFileWriter.open(join(target.outDir, `${split}_${kind}${target.suffix}.${ext}`)),
        );
      }
    } catch (error) {
      for (const file of files.values()) await file.abort();
      throw error;
    }
    return new SplitFiles(files);
  }

  /** The file of a split (the caller only passes splits it was opened with). */
  file(split: SplitName): AtomicFileWriter {
    const file = this.files.get(split);
    if (!file) throw new InternalError(`no output file for split ${split}`);
    return file;
  }

  splits(): IterableIterator<SplitName> {
    return this.files.keys();
  }

  /** Makes every file visible under its name; returns them by split. */
  async commit(): Promise<FormatFiles> {
    const splits: FormatFiles["splits"] = {};
    for (const [split, file] of this.files) {
      await file.commit();
      splits[split] = [file.path];
    }
    return { splits };
  }

  async abort(): Promise<void> {
    for (const file of this.files.values()) await file.abort();
  }
}
