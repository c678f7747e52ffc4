/** Prefixes a map interns before it keeps further ids of new prefixes as strings (tags are bytes). */
const MAX_PREFIXES = 255;

/**
 * A map from ids to small numbers (0–255) in about 20 bytes an id, where a `Map<string, number>`
 * takes about 90: exports keep every stored id (to skip a second copy) and every persona id (for its
 * split), a million of them at a time.
 *
 * The ids this project makes are `prefix_` followed by 16 lowercase hex digits (64 bits of a SHA-256,
 * see contentId in util/hash.ts): such an id is kept as its two 32-bit words and its interned prefix, in
 * typed-array open addressing at most half full. Any other id (an imported one) is kept as the
 * string. Exact either way: two different ids are never taken for one.
 */
export class IdMap {
  private bits = 10;
  private high = new Uint32Array(1 << this.bits);
  private low = new Uint32Array(1 << this.bits);
  /** The prefix's number + 1; 0 marks an empty slot. */
  private tags = new Uint8Array(1 << this.bits);
  private values = new Uint8Array(1 << this.bits);
  private packed = 0;
  private readonly prefixes = new Map<string, number>();
  private readonly others = new Map<string, number>();

  /** Ids held. */
  get size(): number {
    return this.packed + this.others.size;
  }

  /** The value of `id`, or undefined when it is not held. */
  get(id: string): number | undefined {
    const key = this.keyOf(id, false);
    if (key === undefined) return this.others.get(id);
    if (key === null) return undefined; // a prefix never seen: no id with it is held
    const slot = this.slotOf(key.tag, key.high, key.low);
    return this.tags[slot] === 0 ? undefined : this.values[slot];
  }

  /** True when `id` is held. */
  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /**
   * Adds `id` with `value` (0–255) unless it is held already: true when it was added, false when it
   * was there (its value unchanged).
   */
  add(id: string, value = 0): boolean {
    const key = this.keyOf(id, true);
    if (!key) {
      if (this.others.has(id)) return false;
      this.others.set(id, value);
      return true;
    }
    const slot = this.slotOf(key.tag, key.high, key.low);
    if (this.tags[slot] !== 0) return false;
    this.tags[slot] = key.tag;
    this.high[slot] = key.high;
    this.low[slot] = key.low;
    this.values[slot] = value;
    if (++this.packed * 2 > this.tags.length) this.grow();
    return true;
  }

  /**
   * The packed key of an id of the form `prefix_<16 lowercase hex digits>`; undefined for any other
   * id, null for such an id whose prefix is not interned (and `intern` is false).
   */
  private keyOf(id: string, intern: boolean): { tag: number; high: number; low: number } | undefined | null {
    const n = id.length;
    if (n < 18 || id.charCodeAt(n - 17) !== 95 /* _ */) return undefined;
    const high = hexWord(id, n - 16);
    const low = hexWord(id, n - 8);
    if (high === undefined || low === undefined) return undefined;
    const prefix = id.slice(0, n - 17);
    let tag = this.prefixes.get(prefix);
    if (tag === undefined) {
      if (!intern) return this.prefixes.size < MAX_PREFIXES ? null : undefined;
      if (this.prefixes.size >= MAX_PREFIXES) return undefined;
      tag = this.prefixes.size + 1;
      this.prefixes.set(prefix, tag);
    }
    return { tag, high, low };
  }

  /** The slot holding this key, or the empty slot where it goes (linear probing). */
  private slotOf(tag: number, high: number, low: number): number {
    const mask = this.tags.length - 1;
    // Multiplicative hashing: the top bits of the product mix every bit of both words and the tag.
    let slot = Math.imul(low ^ Math.imul(high ^ tag, 0x9e3779b1), 0x85ebca6b) >>> (32 - this.bits);
    while (
      this.tags[slot] !== 0 &&
      !(this.tags[slot] === tag && this.high[slot] === high && this.low[slot] === low)
    )
      slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { high, low, tags, values } = this;
    this.bits++;
    this.high = new Uint32Array(1 << this.bits);
    this.low = new Uint32Array(1 << this.bits);
    this.tags = new Uint8Array(1 << this.bits);
    this.values = new Uint8Array(1 << this.bits);
    for (let i = 0; i < tags.length; i++) {
      const tag = tags[i] as number;
      if (tag === 0) continue;
      const slot = this.slotOf(tag, high[i] as number, low[i] as number);
      this.tags[slot] = tag;
      this.high[slot] = high[i] as number;
      this.low[slot] = low[i] as number;
      this.values[slot] = values[i] as number;
    }
  }
}

/** The 32-bit number of 8 lowercase hex digits at `at`, or undefined if any is not one. */
function hexWord(text: string, at: number): number | undefined {
  let word = 0;
  for (let i = at; i < at + 8; i++) {
    const c = text.charCodeAt(i);
    const digit = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (digit < 0) return undefined;
    word = word * 16 + digit;
  }
  return word;
}
