/**
 * A set of 32-bit hashes in one typed array (open addressing, linear probing): a `Set` of them holds
 * each hash above 2^30 as a heap number, and the offline assistant's said-memory asks about every
 * sentence a reply draws. Keys are 32-bit integers, signed or unsigned alike: `x` and `x >>> 0` are
 * the same key (the table holds `x | 0`). Its own file because it is a data structure, not the memory's
 * sentence rules.
 */
export class HashSet {
  // Each key as an int32, 0 for an empty slot (the key 0 is kept by `zero`).
  private slots = new Int32Array(64);
  private size = 0;
  private zero = false;

  has(hash: number): boolean {
    const key = hash | 0;
    if (key === 0) return this.zero;
    const { slots } = this;
    const mask = slots.length - 1;
    for (let i = key & mask; ; i = (i + 1) & mask) {
      const held = slots[i] as number;
      if (held === key) return true;
      if (held === 0) return false;
    }
  }

  add(hash: number): void {
    const key = hash | 0;
    if (key === 0) {
      this.zero = true;
      return;
    }
    const { slots } = this;
    const mask = slots.length - 1;
    let i = key & mask;
    for (let held = slots[i] as number; held !== 0; held = slots[i] as number) {
      if (held === key) return;
      i = (i + 1) & mask;
    }
    slots[i] = key;
    // At most half full, so a probe meets an empty slot soon.
    if (++this.size * 2 > slots.length) this.grow();
  }

  /** Empties the set, keeping its table (a reply's memory is cleared once per reply). */
  clear(): void {
    if (this.size > 0) this.slots.fill(0);
    this.size = 0;
    this.zero = false;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.size = 0;
    for (let i = 0; i < old.length; i++) if (old[i] !== 0) this.add(old[i] as number);
  }
}
