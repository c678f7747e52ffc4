import { gzipSync } from "node:zlib";

/** JSON, gzip-compressed, in base64: what the page's script decodes with DecompressionStream. */
export function compressed(value: unknown): string {
  return gzipSync(JSON.stringify(value)).toString("base64");
}

/**
 * Items packed into compressed blocks of `size` items (`<prefix>-0`, `<prefix>-1`, …), so the page
 * decompresses only the block of the item it shows. `add` says where the item went.
 */
export class BlockPacker<T> {
  /** Finished blocks: element id and compressed content. */
  readonly blocks: Array<[id: string, base64: string]> = [];
  private pending: T[] = [];

  constructor(
    private readonly prefix: string,
    private readonly size: number,
  ) {}

  /** Adds an item; returns its block number and its position in the block. */
  add(item: T): [block: number, slot: number] {
    const at: [number, number] = [this.blocks.length, this.pending.length];
    this.pending.push(item);
    if (this.pending.length === this.size) this.finish();
    return at;
  }

  /** Packs the items added since the last full block. */
  finish(): void {
    if (this.pending.length === 0) return;
    this.blocks.push([`${this.prefix}-${this.blocks.length}`, compressed(this.pending)]);
    this.pending = [];
  }
}
