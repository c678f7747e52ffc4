import { writeFileSync } from "node:fs";

/**
 * Writes a tiny, valid Parquet file without any dependency: required (non-null) UTF-8 string and
 * INT64 columns, PLAIN encoding, no compression, one data page per column chunk, one row group per
 * entry of `groups`. Just enough of the format (Thrift compact protocol metadata) for tests.
 */
export function writeParquetFixture(
  path: string,
  columns: ReadonlyArray<{ name: string; type: "string" | "int64" }>,
  groups: ReadonlyArray<ReadonlyArray<ReadonlyArray<string | number>>>,
  /** The compression codec the metadata declares (the pages are never compressed): 0 = none. */
  codec = 0,
): void {
  const body: number[] = [..."PAR1"].map((c) => c.charCodeAt(0));
  const rowGroups: Field[][] = [];
  let totalRows = 0;
  for (const rows of groups) {
    const chunks: Field[][] = [];
    let groupBytes = 0;
    columns.forEach((column, c) => {
      const values: number[] = [];
      for (const row of rows) {
        const value = row[c]!;
        if (column.type === "string") {
          const bytes = Buffer.from(String(value), "utf8");
          values.push(...le32(bytes.length), ...bytes);
        } else values.push(...le64(BigInt(value)));
      }
      const header = struct([
        [1, "i32", 0], // DATA_PAGE
        [2, "i32", values.length],
        [3, "i32", values.length],
        [
          5,
          "struct",
          [
            [1, "i32", rows.length],
            [2, "i32", 0], // PLAIN
            [3, "i32", 3], // RLE
            [4, "i32", 3],
          ],
        ],
      ]);
      const offset = body.length;
      body.push(...header, ...values);
      const size = header.length + values.length;
      groupBytes += size;
      chunks.push([
        [2, "i64", BigInt(offset)],
        [
          3,
          "struct",
          [
            [1, "i32", column.type === "string" ? 6 : 2], // BYTE_ARRAY / INT64
            [2, "list-i32", [0, 3]],
            [3, "list-binary", [column.name]],
            [4, "i32", codec], // 0 = UNCOMPRESSED
            [5, "i64", BigInt(rows.length)],
            [6, "i64", BigInt(size)],
            [7, "i64", BigInt(size)],
            [9, "i64", BigInt(offset)],
          ],
        ],
      ]);
    });
    rowGroups.push([
      [1, "list-struct", chunks],
      [2, "i64", BigInt(groupBytes)],
      [3, "i64", BigInt(rows.length)],
    ]);
    totalRows += rows.length;
  }
  const schema: Field[][] = [
    [
      [4, "binary", "schema"],
      [5, "i32", columns.length],
    ],
    ...columns.map((column): Field[] =>
      column.type === "string"
        ? [
            [1, "i32", 6],
            [3, "i32", 0], // REQUIRED
            [4, "binary", column.name],
            [6, "i32", 0], // UTF8
          ]
        : [
            [1, "i32", 2],
            [3, "i32", 0],
            [4, "binary", column.name],
          ],
    ),
  ];
  const footer = struct([
    [1, "i32", 1],
    [2, "list-struct", schema],
    [3, "i64", BigInt(totalRows)],
    [4, "list-struct", rowGroups],
  ]);
  body.push(...footer, ...le32(footer.length), ..."PAR1".split("").map((c) => c.charCodeAt(0)));
  writeFileSync(path, Uint8Array.from(body));
}

type Field =
  | [number, "i32", number]
  | [number, "i64", bigint]
  | [number, "binary", string]
  | [number, "struct", Field[]]
  | [number, "list-i32", number[]]
  | [number, "list-binary", string[]]
  | [number, "list-struct", Field[][]];

const TYPE = { i32: 5, i64: 6, binary: 8, list: 9, struct: 12 } as const;

function struct(fields: Field[]): number[] {
  const out: number[] = [];
  let last = 0;
  for (const field of fields) {
    const [id, kind] = field;
    const type = kind.startsWith("list") ? TYPE.list : TYPE[kind as "i32" | "i64" | "binary" | "struct"];
    out.push(((id - last) << 4) | type);
    last = id;
    switch (field[1]) {
      case "i32":
        out.push(...varint(zigzag(BigInt(field[2]))));
        break;
      case "i64":
        out.push(...varint(zigzag(field[2])));
        break;
      case "binary":
        out.push(...binary(field[2]));
        break;
      case "struct":
        out.push(...struct(field[2]));
        break;
      case "list-i32":
        out.push(...listHeader(field[2].length, TYPE.i32));
        for (const v of field[2]) out.push(...varint(zigzag(BigInt(v))));
        break;
      case "list-binary":
        out.push(...listHeader(field[2].length, TYPE.binary));
        for (const v of field[2]) out.push(...binary(v));
        break;
      case "list-struct":
        out.push(...listHeader(field[2].length, TYPE.struct));
        for (const v of field[2]) out.push(...struct(v));
        break;
    }
  }
  out.push(0);
  return out;
}

function listHeader(size: number, type: number): number[] {
  return size < 15 ? [(size << 4) | type] : [0xf0 | type, ...varint(BigInt(size))];
}

function binary(text: string): number[] {
  const bytes = Buffer.from(text, "utf8");
  return [...varint(BigInt(bytes.length)), ...bytes];
}

function zigzag(n: bigint): bigint {
  return n >= 0n ? n << 1n : (-n << 1n) - 1n;
}

function varint(n: bigint): number[] {
  const out: number[] = [];
  let v = n;
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}

function le32(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

function le64(n: bigint): number[] {
  const out: number[] = [];
  let v = BigInt.asUintN(64, n);
  for (let i = 0; i < 8; i++) {
    out.push(Number(v & 0xffn));
    v >>= 8n;
  }
  return out;
}
