import type { PersonaBank } from "./bank.js";
import type { BankRule } from "./bank-rules.js";
import { type DimensionIndex, encodeFeatures, indexDimensions } from "./dimension-index.js";

/** A pair of values a persona holds that a rule of the bank rules out. */
export interface RuleViolation {
  /** Index of the rule in the bank's `rules`. */
  rule: number;
  /** The two features, as `dimension=value`. */
  features: [string, string];
}

/**
 * The bank's rules compiled for sampling: which value pairs of two dimensions are ruled out (with
 * the rule that did it), the weight factors each condition puts on another dimension, and an order
 * to draw dimensions in so every weight's condition is drawn before its target.
 */
export class Compatibility {
  /** False for a bank without rules: samplers then draw exactly as before rules existed. */
  readonly hasRules: boolean;
  /** Per dimension: the dimensions it shares a ruled-out pair with. */
  readonly linked: readonly (readonly number[])[];
  /** Dimension indices in draw order: bank order, except that a weight target follows its conditions. */
  readonly order: readonly number[];
  /** Per dimension: the bit set of all its values. */
  readonly fullMasks: readonly Uint32Array[];
  /** The longest of them, in 32-bit words. */
  readonly maxMaskWords: number;
  /** `a * D + b` → per `va * size(b) + vb`: 1 + the index of the rule ruling the pair out, or 0. */
  private readonly forbidden = new Map<number, Uint16Array>();
  /**
   * `[a][b][va]`: bit set of the values of `b` compatible with value `va` of `a` (32 values a
   * word), for linked pairs only: the value search intersects these instead of testing pairs.
   */
  private readonly masks: Array<Array<Uint32Array[] | undefined>>;
  /** Per target dimension: the weight rules that may change its draw. */
  private readonly weightRules: Array<Array<{ condition: number; when: Uint8Array; factors: Float64Array }>>;

  private constructor(
    readonly index: DimensionIndex,
    rules: readonly BankRule[],
  ) {
    const D = index.names.length;
    const linked = Array.from({ length: D }, () => new Set<number>());
    this.weightRules = Array.from({ length: D }, () => []);
    const valueSet = (d: number, values: readonly string[]) => {
      const set = new Uint8Array(index.values[d]!.length);
      for (const v of values) set[index.valueIndex[d]!.get(v)!] = 1;
      return set;
    };
    rules.forEach((rule, r) => {
      const [conditionName, whenValues] = Object.entries(rule.when)[0]!;
      const a = index.byName.get(conditionName)!;
      const when = valueSet(a, whenValues);
      const rulePairs = (
        targetName: string,
        ruledOut: (inList: boolean) => boolean,
        list: readonly string[],
      ) => {
        const b = index.byName.get(targetName)!;
        const inList = valueSet(b, list);
        for (let va = 0; va < when.length; va++) {
          if (!when[va]) continue;
          for (let vb = 0; vb < inList.length; vb++)
            if (ruledOut(inList[vb] === 1)) this.forbid(a, va, b, vb, r);
        }
        linked[a]!.add(b);
        linked[b]!.add(a);
      };
      for (const [b, list] of Object.entries(rule.requires ?? {})) rulePairs(b, (inList) => !inList, list);
      for (const [b, list] of Object.entries(rule.excludes ?? {})) rulePairs(b, (inList) => inList, list);
      for (const [targetName, byValue] of Object.entries(rule.weights ?? {})) {
        const t = index.byName.get(targetName)!;
        const factors = new Float64Array(index.values[t]!.length).fill(1);
        for (const [value, factor] of Object.entries(byValue))
          factors[index.valueIndex[t]!.get(value)!] = factor;
        this.weightRules[t]!.push({ condition: a, when, factors });
      }
    });
    this.hasRules = rules.length > 0;
    this.linked = linked.map((s) => [...s].sort((x, y) => x - y));
    this.order = drawOrder(D, this.weightRules);
    this.fullMasks = index.values.map((list) => fullMask(list.length));
    this.maxMaskWords = Math.max(1, ...this.fullMasks.map((m) => m.length));
    this.masks = Array.from({ length: D }, () => new Array<Uint32Array[] | undefined>(D));
    this.linked.forEach((others, a) => {
      for (const b of others) {
        this.masks[a]![b] = index.values[a]!.map((_, va) => {
          const mask = fullMask(index.values[b]!.length);
          for (let vb = 0; vb < index.values[b]!.length; vb++)
            if (!this.compatible(a, va, b, vb)) mask[vb >>> 5]! &= ~(1 << (vb & 31));
          return mask;
        });
      }
    });
  }

  /** The values of `b` compatible with value `va` of `a`, as a bit set (undefined: all of them). */
  allowedBy(a: number, va: number, b: number): Uint32Array | undefined {
    return this.masks[a]![b]?.[va];
  }

  /** Compiles a bank's rules (validated by the bank loader). */
  static of(bank: PersonaBank, index: DimensionIndex = indexDimensions(bank)): Compatibility {
    return new Compatibility(index, bank.rules ?? []);
  }

  /** True when no rule rules out value `va` of dimension `a` together with value `vb` of `b`. */
  compatible(a: number, va: number, b: number, vb: number): boolean {
    return this.ruleFor(a, va, b, vb) === undefined;
  }

  /** The index of a rule ruling the pair out, if any. */
  ruleFor(a: number, va: number, b: number, vb: number): number | undefined {
    const map = this.forbidden.get(a * this.index.names.length + b);
    if (!map) return undefined;
    const at = map[va * this.index.values[b]!.length + vb] ?? 0;
    return at === 0 ? undefined : at - 1;
  }

  /**
   * The weight factors of dimension `d`'s values given the values drawn so far (`codes`, -1 for
   * none): the product of every weight rule whose condition holds, or undefined when none does.
   */
  weightsFor(d: number, codes: Int32Array): Float64Array | undefined {
    let out: Float64Array | undefined;
    for (const rule of this.weightRules[d]!) {
      const v = codes[rule.condition] ?? -1;
      if (v < 0 || !rule.when[v]) continue;
      out ??= new Float64Array(rule.factors.length).fill(1);
      for (let i = 0; i < out.length; i++) out[i]! *= rule.factors[i]!;
    }
    return out;
  }

  /** Every ruled-out pair an encoded persona holds (values outside the bank break no rule). */
  violationsOf(codes: Int32Array): RuleViolation[] {
    const out: RuleViolation[] = [];
    for (let a = 0; a < codes.length; a++) {
      const va = codes[a]!;
      if (va < 0) continue;
      for (const b of this.linked[a]!) {
        const vb = codes[b]!;
        if (b <= a || vb < 0) continue;
        const rule = this.ruleFor(a, va, b, vb);
        if (rule !== undefined) out.push({ rule, features: [this.feature(a, va), this.feature(b, vb)] });
      }
    }
    return out;
  }

  /** Every ruled-out pair a feature dict holds. */
  violations(features: Readonly<Record<string, unknown>>): RuleViolation[] {
    if (!this.hasRules) return [];
    const strings: Record<string, string> = {};
    for (const [k, v] of Object.entries(features)) if (v !== null && v !== undefined) strings[k] = String(v);
    return this.violationsOf(encodeFeatures(this.index, strings).codes);
  }

  private feature(d: number, v: number): string {
    return `${this.index.names[d]}=${this.index.values[d]![v]}`;
  }

  private forbid(a: number, va: number, b: number, vb: number, rule: number): void {
    const set = (x: number, vx: number, y: number, vy: number) => {
      const key = x * this.index.names.length + y;
      let map = this.forbidden.get(key);
      if (!map) {
        map = new Uint16Array(this.index.values[x]!.length * this.index.values[y]!.length);
        this.forbidden.set(key, map);
      }
      const at = vx * this.index.values[y]!.length + vy;
      if (map[at] === 0) map[at] = rule + 1;
    };
    set(a, va, b, vb);
    set(b, vb, a, va);
  }
}

/** A bit set with the first `n` bits set. */
export function fullMask(n: number): Uint32Array {
  const mask = new Uint32Array(Math.ceil(n / 32)).fill(0xffffffff);
  if (n % 32 !== 0) mask[mask.length - 1] = (1 << (n % 32)) - 1;
  return mask;
}

/** Bank order, moved only as far as needed for every weight condition to come before its target. */
function drawOrder(D: number, weightRules: ReadonlyArray<ReadonlyArray<{ condition: number }>>): number[] {
  const order: number[] = [];
  const placed = new Uint8Array(D);
  const place = (d: number) => {
    if (placed[d]) return;
    placed[d] = 1; // weight rules are acyclic (checked by the bank loader)
    for (const rule of weightRules[d]!) place(rule.condition);
    order.push(d);
  };
  for (let d = 0; d < D; d++) place(d);
  return order;
}
