/**
 * Counts distinct values (given as 52-bit hashes) in bounded memory: exactly while there are at most
 * {@link EXACT_LIMIT}, then with a HyperLogLog sketch of 2^14 registers (standard error ≈ 0.8%).
 * Deterministic: the same values in any order give the same count.
 */

/** Distinct values counted exactly before switching to the sketch. */
export const EXACT_LIMIT = 50_000;

const PRECISION = 14;
const REGISTERS = 1 << PRECISION;
const ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);
/** Slots of the exact table at first; it doubles whenever it is half full. */
const INITIAL_SLOTS = 1 << 10;

export class DistinctCounter {
  /**
   * The values seen while counting exactly: an open-addressing table (linear probing, 0 marks a free
   * slot) rather than a Set<number>, which boxes every hash above 2^31 and cost a tenth of an offline
   * run's CPU. The hashes' low bits are already uniform, so they index the table directly.
   */
  private table: Float64Array | undefined = new Float64Array(INITIAL_SLOTS);
  /** Non-zero values in the table. */
  private stored = 0;
  /** Whether the value 0 (which cannot sit in the table) was seen. */
  private sawZero = false;
  private registers: Uint8Array | undefined;

  /** Adds a value: a 52-bit hash (see hash52). */
  add(hash: number): void {
    const table = this.table;
    if (table === undefined) {
      this.record(hash);
      return;
    }
    if (hash === 0) {
      if (this.sawZero) return;
      this.sawZero = true;
    } else {
      const mask = table.length - 1;
      // ToInt32 keeps the low 32 bits of the (integral, < 2^53) hash exactly.
      let slot = hash & mask;
      for (let seen = table[slot]!; seen !== 0; seen = table[slot]!) {
        if (seen === hash) return;
        slot = (slot + 1) & mask;
      }
      table[slot] = hash;
      this.stored++;
    }
    if (this.exactCount > EXACT_LIMIT) this.switchToSketch(table);
    else if (this.stored * 2 > table.length) this.table = grown(table);
  }

  /** The number of distinct values added (exact below {@link EXACT_LIMIT}, estimated above). */
  get count(): number {
    if (this.table) return this.exactCount;
    const registers = this.registers!;
    let sum = 0;
    let zeros = 0;
    for (const r of registers) {
      sum += 2 ** -r;
      if (r === 0) zeros++;
    }
    const raw = (ALPHA * REGISTERS * REGISTERS) / sum;
    // Small-range correction (linear counting) as in the original HyperLogLog paper.
    const estimate = raw <= 2.5 * REGISTERS && zeros > 0 ? REGISTERS * Math.log(REGISTERS / zeros) : raw;
    return Math.round(estimate);
  }

  private get exactCount(): number {
    return this.stored + (this.sawZero ? 1 : 0);
  }

  private switchToSketch(table: Float64Array): void {
    this.registers = new Uint8Array(REGISTERS);
    for (const value of table) if (value !== 0) this.record(value);
    if (this.sawZero) this.record(0);
    this.table = undefined;
  }

  private record(hash: number): void {
    // Register from the low 14 bits of the low word, rank (leading zeros + 1) of the 38 bits above them:
    // the high word's 20 bits, then the low word's upper 18.
    const low = hash % 4294967296;
    const high = Math.floor(hash / 4294967296); // 20 bits
    const register = low & (REGISTERS - 1);
    const middle = low >>> PRECISION; // 18 bits
    const rank = high !== 0 ? Math.clz32(high) - 11 : middle !== 0 ? Math.clz32(middle) + 7 : 39;
    if (rank > this.registers![register]!) this.registers![register] = rank;
  }
}

/** The same values in a table twice the size. */
function grown(table: Float64Array): Float64Array {
  const next = new Float64Array(table.length * 2);
  const mask = next.length - 1;
  for (const value of table) {
    if (value === 0) continue;
    let slot = value & mask;
    while (next[slot] !== 0) slot = (slot + 1) & mask;
    next[slot] = value;
  }
  return next;
}
