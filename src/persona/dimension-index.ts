import type { PersonaBank } from "./bank.js";

/**
 * Marks an absent dimension in an encoded persona. Encoded personas are `Int32Array`s with one slot
 * per bank dimension holding the value's index, so comparisons are integer compares, not string ones.
 */
export const ABSENT = -1;
/** A value the bank does not know (a stored persona from an older bank): differs from every value. */
export const UNKNOWN_VALUE = -2;

/** A persona bank compiled for fast sampling: dimensions by index, values by index. */
export interface DimensionIndex {
  readonly names: readonly string[];
  readonly values: readonly (readonly string[])[];
  readonly isConstraint: readonly boolean[];
  /** Name → dimension index. */
  readonly byName: ReadonlyMap<string, number>;
  /** Per dimension: value → value index. */
  readonly valueIndex: readonly ReadonlyMap<string, number>[];
  readonly constraintCount: number;
}

/** Compiles a bank into a {@link DimensionIndex}. */
export function indexDimensions(bank: PersonaBank): DimensionIndex {
  const names = bank.dimensions.map((d) => d.name);
  return {
    names,
    values: bank.dimensions.map((d) => d.values),
    isConstraint: bank.dimensions.map((d) => d.is_constraint),
    byName: new Map(names.map((name, i) => [name, i])),
    valueIndex: bank.dimensions.map((d) => new Map(d.values.map((v, j) => [v, j]))),
    constraintCount: bank.dimensions.filter((d) => d.is_constraint).length,
  };
}

/** An encoded persona plus the dimensions it has that the bank does not know. */
export interface EncodedFeatures {
  codes: Int32Array;
  /** Names of features outside the bank (each always differs from a newly sampled persona). */
  unknownDimensions: string[];
  /** True when every feature maps to a bank dimension and value. */
  fullyKnown: boolean;
}

/** Encodes a feature dict against the bank; unknown dimensions and values are kept as "different". */
export function encodeFeatures(
  index: DimensionIndex,
  features: Readonly<Record<string, string>>,
): EncodedFeatures {
  const codes = new Int32Array(index.names.length).fill(ABSENT);
  const unknownDimensions: string[] = [];
  let fullyKnown = true;
  for (const [name, value] of Object.entries(features)) {
    const d = index.byName.get(name);
    if (d === undefined) {
      unknownDimensions.push(name);
      fullyKnown = false;
      continue;
    }
    const v = index.valueIndex[d]?.get(String(value));
    if (v === undefined) fullyKnown = false;
    codes[d] = v ?? UNKNOWN_VALUE;
  }
  return { codes, unknownDimensions, fullyKnown };
}

/** Decodes an encoded persona into a feature dict in bank order. */
export function decodeFeatures(index: DimensionIndex, codes: Int32Array): Record<string, string> {
  const features: Record<string, string> = {};
  for (let d = 0; d < codes.length; d++) {
    const v = codes[d] ?? ABSENT;
    if (v < 0) continue;
    const value = index.values[d]?.[v];
    const name = index.names[d];
    if (value !== undefined && name !== undefined) features[name] = value;
  }
  return features;
}

/** A compact, exact key of an encoded persona (for duplicate detection). */
export function codesKey(codes: Int32Array): string {
  return codes.join(",");
}
