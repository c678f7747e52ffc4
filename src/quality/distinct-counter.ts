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

export class DistinctCounter {
  private exact: Set<number> | undefined = new Set();
  private registers: Uint8Array | undefined;

  /** Adds a value: a 52-bit hash (see hash52). */
  add(hash: number): void {
    if (this.exact) {
      this.exact.add(hash);
      if (this.exact.size <= EXACT_LIMIT) return;
      this.registers = new Uint8Array(REGISTERS);
      for (const h of this.exact) this.record(h);
      this.exact = undefined;
      return;
    }
    this.record(hash);
  }

  /** The number of distinct values added (exact below {@link EXACT_LIMIT}, estimated above). */
  get count(): number {
    if (this.exact) return this.exact.size;
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

  private record(hash: number): void {
    // Register from the low 14 bits of the low word, rank from the 38 bits above them.
    const low = hash % 4294967296;
    const high = Math.floor(hash / 4294967296); // 20 bits
    const register = low & (REGISTERS - 1);
    const rest = (low >>> PRECISION) + high * 2 ** (32 - PRECISION); // 38 bits
    let rank = 1;
    for (let bit = 37; bit >= 0 && Math.floor(rest / 2 ** bit) % 2 === 0; bit--) rank++;
    if (rank > this.registers![register]!) this.registers![register] = rank;
  }
}
