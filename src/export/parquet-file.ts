import { open } from "node:fs/promises";
import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import { ioError } from "../errors.js";
import { type Field, parquetSchema } from "./parquet-fields.js";

/**
 * hyparquet-writer's output, streamed to a file: the writer encodes one row group into this buffer,
 * then calls `flush`, which writes the bytes out and rewinds, so a file of any size holds one row
 * group's compressed bytes in memory. `offset` keeps counting the whole file (the footer needs it).
 */
class FileSink extends ByteWriter {
  constructor(
    private readonly handle: Awaited<ReturnType<typeof open>>,
    private readonly path: string,
  ) {
    super(1 << 20);
  }

  async flush(): Promise<void> {
    const bytes = new Uint8Array(this.buffer, 0, this.index);
    this.index = 0;
    try {
      for (let at = 0; at < bytes.length; ) at += (await this.handle.write(bytes, at)).bytesWritten;
    } catch (error) {
      throw ioError("write", this.path, error);
    }
  }

  override async finish(): Promise<void> {
    await this.flush();
    try {
      await this.handle.sync();
    } catch (error) {
      throw ioError("write", this.path, error);
    }
    await this.handle.close();
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}

/** One Parquet file written row group by row group (Snappy-compressed pages, column statistics). */
export class ParquetFile {
  private rows = 0;

  private constructor(
    readonly path: string,
    private readonly sink: FileSink,
    private readonly writer: ParquetWriter,
  ) {}

  static async create(path: string, fields: readonly Field[], createdBy: string): Promise<ParquetFile> {
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(path, "w");
    } catch (error) {
      throw ioError("write", path, error);
    }
    const sink = new FileSink(handle, path);
    const writer = new ParquetWriter({
      writer: sink,
      schema: parquetSchema(fields),
      codec: "SNAPPY",
      createdBy,
    });
    return new ParquetFile(path, sink, writer);
  }

  /** Bytes written so far (the shard size the caller compares with its limit). */
  get bytes(): number {
    return this.sink.offset;
  }

  /** Rows written so far. */
  get rowCount(): number {
    return this.rows;
  }

  /** Writes one row group: `columns[i]` holds the values of `fields[i]`, one per row. */
  async writeRowGroup(fields: readonly Field[], columns: unknown[][]): Promise<void> {
    const count = columns[0]?.length ?? 0;
    if (count === 0) return;
    await this.writer.write({
      columnData: fields.map((field, i) => ({ name: field.name, data: columns[i] as unknown[] })),
      rowGroupSize: count,
    });
    this.rows += count;
  }

  /** Writes the footer and closes the file durably. */
  async finish(): Promise<void> {
    await this.writer.finish();
  }

  /** Closes the file without a footer (the caller removes it). */
  abort(): Promise<void> {
    return this.sink.close();
  }
}
