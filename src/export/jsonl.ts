import type { TrainingSample } from "../training/sample.js";
import type { SplitName } from "../training/split.js";
import type { FormatFiles, FormatTarget, FormatWriter } from "./format-writer.js";
import { SplitFiles } from "./split-files.js";

/**
 * Turns a sample into the object written on its line, or a reason string when the format cannot
 * represent it (the sample is then left out of this format and reported).
 */
export type LineEncoder = (sample: TrainingSample) => { record: unknown } | { skip: string };

/**
 * One JSON object per line, one file per split (`<split>_<kind><suffix>.jsonl`): `jsonl` (sample
 * dicts) and the chat and trajectory formats, which differ only in their encoder.
 */
export class JsonlFormatWriter implements FormatWriter {
  private constructor(
    private readonly files: SplitFiles,
    private readonly encode: LineEncoder,
    private readonly onSkip: (sampleId: string, reason: string) => void,
  ) {}

  static async open(
    target: FormatTarget,
    kind: string,
    encode: LineEncoder,
    onSkip: (sampleId: string, reason: string) => void = () => undefined,
  ): Promise<JsonlFormatWriter> {
    return new JsonlFormatWriter(await SplitFiles.open(target, kind, "jsonl"), encode, onSkip);
  }

  async add(sample: TrainingSample, split: SplitName): Promise<void> {
    const encoded = this.encode(sample);
    if ("skip" in encoded) {
      this.onSkip(sample.sampleId, encoded.skip);
      return;
    }
    await this.files.file(split).write(`${JSON.stringify(encoded.record)}\n`);
  }

  finish(): Promise<FormatFiles> {
    return this.files.commit();
  }

  abort(): Promise<void> {
    return this.files.abort();
  }
}

/** `jsonl`: the sample dicts of `json`, one per line. */
export const sampleLine: LineEncoder = (sample) => ({ record: sample.toDict() });
