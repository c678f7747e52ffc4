import type { TrainingSample } from "../training/sample.js";
import type { SplitName } from "../training/split.js";
import type { FormatFiles, FormatTarget, FormatWriter } from "./format-writer.js";
import { SplitFiles } from "./split-files.js";

/**
 * `json`: the seed's format, one array of sample dicts per split (`<split>_samples<suffix>.json`),
 * written element by element so memory does not grow with the export.
 */
export class JsonFormatWriter implements FormatWriter {
  private readonly counts = new Map<SplitName, number>();

  private constructor(private readonly files: SplitFiles) {}

  static async open(target: FormatTarget): Promise<JsonFormatWriter> {
    return new JsonFormatWriter(await SplitFiles.open(target, "samples", "json"));
  }

  async add(sample: TrainingSample, split: SplitName): Promise<void> {
    const count = this.counts.get(split) ?? 0;
    // Stringified as the only element of an array, the sample comes out indented one level, as
    // inside the file's array: "[\n  {…}\n]" minus the brackets (cheaper than re-indenting it).
    const element = JSON.stringify([sample.toDict()], null, 2);
    const file = this.files.file(split);
    await file.write(count === 0 ? "[\n  " : ",\n  ");
    await file.write(element.slice(4, -2));
    this.counts.set(split, count + 1);
  }

  async finish(): Promise<FormatFiles> {
    for (const split of this.files.splits()) {
      await this.files.file(split).write((this.counts.get(split) ?? 0) === 0 ? "[]\n" : "\n]\n");
    }
    return this.files.commit();
  }

  abort(): Promise<void> {
    return this.files.abort();
  }
}
