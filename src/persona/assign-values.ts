import type { Rng } from "../rng/random.js";
import type { Compatibility } from "./compatibility.js";
import { ABSENT } from "./dimension-index.js";

/**
 * How many values the search may try for one persona before it gives up. A bank whose rules are
 * consistent needs one per dimension almost always; the bound keeps an adversarial bank from
 * stalling a run.
 */
const SEARCH_BUDGET = 20_000;

/** What a value search works on: a persona's codes, which dimensions it has, which it must keep. */
export interface ValueSearch {
  compat: Compatibility;
  /** Value per dimension; ≥ 0 is already decided (kept as is), ABSENT is to be drawn if present. */
  codes: Int32Array;
  /** 1 for the dimensions the persona has. */
  present: Uint8Array;
  /**
   * Draws values (weighted by the bank's weights); without it the search tries values in bank order,
   * which is enough to ask whether some persona exists.
   */
  rng?: Rng;
  /**
   * When no assignment exists with every present dimension, dimensions not locked may be dropped
   * (made absent) as a last resort. Without it the search fails instead.
   */
  locked?: Uint8Array;
}

/**
 * Gives every present dimension without a value a value no rule rules out together with any other
 * value of the persona: a depth-first search in the bank's draw order, values drawn by weight, a
 * dead end undone (backtracking) rather than accepted. Values already set are kept; they must be
 * compatible with each other. Absent dimensions are cleared. Returns false when no such persona
 * exists within the search budget (the codes are then unspecified).
 */
export function assignValues(search: ValueSearch): boolean {
  const { compat, codes, present } = search;
  const values = compat.index.values;
  for (let d = 0; d < codes.length; d++) if (!present[d]) codes[d] = ABSENT;
  for (let a = 0; a < codes.length; a++) {
    if (codes[a]! < 0) continue;
    for (const b of compat.linked[a]!) {
      if (b > a && codes[b]! >= 0 && !compat.compatible(a, codes[a]!, b, codes[b]!)) return false;
    }
  }
  const todo = compat.order.filter((d) => present[d] && codes[d]! < 0);
  const full = compat.fullMasks;
  const scratch = new Uint32Array(compat.maxMaskWords);
  // The values of d compatible with every value decided so far, as a bit set (scratch, reused:
  // read before the next call).
  const allowed = (d: number): Uint32Array => {
    const out = scratch.subarray(0, full[d]!.length);
    out.set(full[d]!);
    for (const e of compat.linked[d]!) {
      const ve = codes[e]!;
      if (ve < 0) continue;
      const mask = compat.allowedBy(e, ve, d)!;
      for (let w = 0; w < out.length; w++) out[w]! &= mask[w]!;
    }
    return out;
  };
  // After deciding d: every undecided present neighbour still has some value left.
  const neighboursOpen = (d: number): boolean => {
    for (const e of compat.linked[d]!) {
      if (!present[e] || codes[e]! >= 0) continue;
      if (allowed(e).every((word) => word === 0)) return false;
    }
    return true;
  };
  let nodes = 0;
  const search1 = (i: number, allowDrop: boolean): boolean => {
    if (i === todo.length) return true;
    if (++nodes > SEARCH_BUDGET) return false;
    const d = todo[i]!;
    const bits = allowed(d);
    const candidates: number[] = [];
    for (let v = 0; v < values[d]!.length; v++) if ((bits[v >>> 5]! >>> (v & 31)) & 1) candidates.push(v);
    const factors = compat.weightsFor(d, codes);
    const weights = factors ? candidates.map((v) => factors[v]!) : undefined;
    while (candidates.length > 0) {
      const k = !search.rng
        ? 0
        : weights
          ? search.rng.weightedIndex(weights)
          : search.rng.int(candidates.length);
      codes[d] = candidates[k]!;
      if (neighboursOpen(d) && search1(i + 1, allowDrop)) return true;
      candidates.splice(k, 1);
      weights?.splice(k, 1);
    }
    codes[d] = ABSENT;
    if (allowDrop && !search.locked?.[d]) {
      present[d] = 0;
      if (search1(i + 1, allowDrop)) return true;
      present[d] = 1;
    }
    return false;
  };
  if (search1(0, false)) return true;
  if (!search.locked) return false;
  for (const d of todo) codes[d] = ABSENT;
  nodes = 0;
  return search1(0, true);
}

/**
 * True when some persona holds every value of `fixed` together with a value of each `required`
 * dimension, without breaking a rule (other dimensions absent). Decides which stratification cells
 * and coverage pairs exist at all.
 */
export function existsPersona(
  compat: Compatibility,
  fixed: ReadonlyMap<number, number>,
  required: Uint8Array,
): boolean {
  const D = compat.index.names.length;
  const codes = new Int32Array(D).fill(ABSENT);
  const present = Uint8Array.from(required);
  for (const [d, v] of fixed) {
    codes[d] = v;
    present[d] = 1;
  }
  return assignValues({ compat, codes, present });
}
