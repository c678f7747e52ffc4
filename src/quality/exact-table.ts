/**
 * A set of 52-bit hashes, each mapped to the number of the first item that had it: open addressing
 * over typed arrays (12 bytes a slot, at most half full), so a million entries cost about 25 MB
 * instead of the ~80 MB of a Map.
 */
export class ExactTable {
  private keys = new Float64Array(1024);
  private items = new Int32Array(1024);
  private count = 0;

  /** The first item recorded with `hash`; when there is none, records `item` and returns undefined. */
  firstOf(hash: number, item: number): number | undefined {
    const key = hash + 1; // 0 marks an empty slot
    const slot = this.slotOf(key);
    if (this.keys[slot] === key) return this.items[slot];
    this.keys[slot] = key;
    this.items[slot] = item;
    if (++this.count * 2 > this.keys.length) this.grow();
    return undefined;
  }

  private slotOf(key: number): number {
    const mask = this.keys.length - 1;
    let slot = (key % 4294967296) & mask;
    while (this.keys[slot] !== 0 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const keys = this.keys;
    const items = this.items;
    this.keys = new Float64Array(keys.length * 2);
    this.items = new Int32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === 0) continue;
      const slot = this.slotOf(keys[i]!);
      this.keys[slot] = keys[i]!;
      this.items[slot] = items[i]!;
    }
  }
}
