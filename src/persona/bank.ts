import { z } from "zod";
import { issueAt, loadYamlFile, type SemanticCheck } from "../config/yaml-file.js";
import type { ConfigIssue } from "../errors.js";
import { BankRuleSchema, checkBankRules } from "./bank-rules.js";

/**
 * The persona bank: the dimensions a persona is sampled from. The format is the original tool's
 * `persona.yaml` (`dimensions: [{name, description, type, category, is_constraint, values}]`), plus
 * optional compatibility `rules` (see bank-rules.ts).
 */

const DimensionSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, "must be a snake_case identifier"),
  description: z.string().optional(),
  type: z.enum(["categorical", "ordinal"]).default("categorical"),
  category: z.string().min(1).default("other"),
  is_constraint: z.boolean().default(false),
  /** Values as written; YAML numbers are kept as their text so `25_34` and `1` stay labels. */
  values: z
    .array(z.union([z.string().min(1), z.number()]).transform(String))
    .min(1, "needs at least one value"),
});

export const PersonaBankSchema = z.strictObject({
  version: z.union([z.string(), z.number()]).optional(),
  description: z.string().optional(),
  dimensions: z.array(DimensionSchema).min(1, "needs at least one dimension"),
  /** Absent in the original tool's banks (left absent so their content hash does not change). */
  rules: z.array(BankRuleSchema).optional(),
});

export type Dimension = z.output<typeof DimensionSchema>;
export type PersonaBank = z.output<typeof PersonaBankSchema>;

const checkBank: SemanticCheck<PersonaBank> = (bank, source) => {
  const issues: ConfigIssue[] = [];
  const names = new Map<string, number>();
  bank.dimensions.forEach((dimension, i) => {
    const first = names.get(dimension.name);
    if (first !== undefined) {
      issues.push(
        issueAt(
          source,
          ["dimensions", i, "name"],
          `duplicate dimension "${dimension.name}" (first at dimensions[${first}])`,
        ),
      );
    } else {
      names.set(dimension.name, i);
    }
    const seen = new Set<string>();
    dimension.values.forEach((value, j) => {
      if (seen.has(value))
        issues.push(
          issueAt(
            source,
            ["dimensions", i, "values", j],
            `duplicate value "${value}" in "${dimension.name}"`,
          ),
        );
      seen.add(value);
    });
  });
  if (issues.length === 0)
    issues.push(
      ...checkBankRules(bank.rules ?? [], new Map(bank.dimensions.map((d) => [d.name, d.values])), source),
    );
  return issues;
};

/** Loads and validates a persona bank file. */
export function loadPersonaBank(path: string): PersonaBank {
  return loadYamlFile(path, PersonaBankSchema, "persona bank", checkBank);
}
