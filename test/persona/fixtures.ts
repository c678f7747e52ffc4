import { join } from "node:path";
import { loadPersonaBank, type PersonaBank, PersonaBankSchema } from "../../src/persona/bank.js";
import {
  loadSamplingConfig,
  type SamplingConfig,
  SamplingConfigSchema,
} from "../../src/persona/sampling-config.js";
import { UPSTREAM } from "../helpers/paths.js";

/** The original tool's persona bank (33 dimensions), read in place. */
export const upstreamBank: PersonaBank = loadPersonaBank(join(UPSTREAM, "persona.yaml"));

/** The original tool's sampling config: 15 features, 5–20 constraints, distance 3, query_length_pref. */
export const upstreamSampling: SamplingConfig = loadSamplingConfig(join(UPSTREAM, "sampling_config.yaml"));

/** The upstream sampling config with some top-level sections replaced. */
export function samplingVariant(changes: Record<string, unknown>): SamplingConfig {
  return SamplingConfigSchema.parse({ ...upstreamSampling, ...changes });
}

/** A small bank: `sizes[i]` values for dimension `d<i>`; constraint dimensions as listed. */
export function tinyBank(sizes: number[], constraints: number[] = []): PersonaBank {
  return PersonaBankSchema.parse({
    dimensions: sizes.map((n, i) => ({
      name: `d${i}`,
      is_constraint: constraints.includes(i),
      values: Array.from({ length: n }, (_, j) => `v${j}`),
    })),
  });
}

/** Values of every dimension of a bank, by name. */
export function valuesByDimension(bank: PersonaBank): Map<string, Set<string>> {
  return new Map(bank.dimensions.map((d) => [d.name, new Set(d.values)]));
}
