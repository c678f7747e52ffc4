import { z } from "zod";
import { issueAt } from "../config/yaml-file.js";
import type { YamlSource } from "../config/yaml-source.js";
import type { ConfigIssue } from "../errors.js";

/**
 * Compatibility rules of a persona bank: which values of two dimensions real people never combine,
 * and how a value makes another dimension's values more or less likely. Optional: the original
 * tool's banks have none and load unchanged.
 *
 * ```yaml
 * rules:
 *   - when: {age_band: [under_18]}          # exactly one dimension, one or more of its values
 *     requires: {role: [student, others]}   # if the persona has `role`, it is one of these
 *     excludes: {seniority: [manager]}      # if the persona has `seniority`, it is none of these
 *     weights: {education_level: {secondary_school: 4}}   # value weights ×4 when `when` holds
 * ```
 *
 * A rule only relates values that are both present: a persona without the other dimension never
 * breaks it (a missing trait is not a contradiction). `requires` and `excludes` are symmetric
 * constraints on pairs of values; `weights` multiply the draw of a value of the target dimension
 * when the condition holds (drawn after the condition's dimension).
 */

const Value = z.union([z.string().min(1), z.number()]).transform(String);
const ValueList = z.union([z.array(Value), Value.transform((v) => [v])]);

export const BankRuleSchema = z.strictObject({
  description: z.string().optional(),
  when: z.record(z.string(), ValueList),
  requires: z.record(z.string(), ValueList).optional(),
  excludes: z.record(z.string(), ValueList).optional(),
  weights: z.record(z.string(), z.record(z.string(), z.number().positive())).optional(),
});

/** One compatibility rule as written (values as strings). */
export type BankRule = z.output<typeof BankRuleSchema>;

/** Name → values of every dimension of the bank (what the rules may refer to). */
export type DimensionValues = ReadonlyMap<string, readonly string[]>;

/**
 * Checks rules against the bank's dimensions: names and values exist, `when` names exactly one
 * dimension, a rule relates two different dimensions, weights do not form a cycle, and no value is
 * left without any value of another dimension (which would make that dimension unsatisfiable for
 * every persona holding it).
 */
export function checkBankRules(
  rules: readonly BankRule[],
  dimensions: DimensionValues,
  source: YamlSource,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const error = (path: Array<string | number>, message: string) =>
    issues.push(issueAt(source, ["rules", ...path], message));
  const checkValues = (path: Array<string | number>, dimension: string, values: readonly string[]) => {
    const known = dimensions.get(dimension);
    if (!known) {
      error(path, `unknown dimension "${dimension}" (not in the persona bank)`);
      return false;
    }
    values.forEach((value, j) => {
      if (!known.includes(value)) error([...path, j], `"${value}" is not a value of "${dimension}"`);
    });
    return true;
  };

  rules.forEach((rule, r) => {
    const whenDims = Object.keys(rule.when);
    if (whenDims.length !== 1) {
      error([r, "when"], `must name exactly one dimension (got ${whenDims.length})`);
      return;
    }
    const condition = whenDims[0]!;
    checkValues([r, "when", condition], condition, rule.when[condition]!);
    if (!rule.requires && !rule.excludes && !rule.weights)
      error([r], "a rule needs `requires`, `excludes` or `weights`");
    for (const key of ["requires", "excludes"] as const) {
      for (const [dimension, values] of Object.entries(rule[key] ?? {})) {
        if (dimension === condition) error([r, key, dimension], "a rule relates two different dimensions");
        else checkValues([r, key, dimension], dimension, values);
      }
    }
    for (const [dimension, factors] of Object.entries(rule.weights ?? {})) {
      if (dimension === condition)
        error([r, "weights", dimension], "a rule relates two different dimensions");
      else checkValues([r, "weights", dimension], dimension, Object.keys(factors));
    }
  });
  if (issues.length > 0) return issues;
  issues.push(...weightCycles(rules, source), ...emptiedDimensions(rules, dimensions, source));
  return issues;
}

/** Weights are applied in draw order, condition first: a cycle has no such order. */
function weightCycles(rules: readonly BankRule[], source: YamlSource): ConfigIssue[] {
  const edges = new Map<string, Set<string>>();
  rules.forEach((rule) => {
    const condition = Object.keys(rule.when)[0]!;
    for (const target of Object.keys(rule.weights ?? {})) {
      if (!edges.has(condition)) edges.set(condition, new Set());
      edges.get(condition)!.add(target);
    }
  });
  const state = new Map<string, "open" | "done">();
  const visit = (node: string, path: string[]): string[] | undefined => {
    if (state.get(node) === "done") return undefined;
    if (state.get(node) === "open") return [...path.slice(path.indexOf(node)), node];
    state.set(node, "open");
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next, [...path, node]);
      if (cycle) return cycle;
    }
    state.set(node, "done");
    return undefined;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node, []);
    if (cycle) {
      const r = rules.findIndex((rule) => Object.keys(rule.when)[0] === cycle[0] && rule.weights);
      return [
        issueAt(
          source,
          ["rules", r, "weights"],
          `weights form a cycle (${cycle.join(" → ")}): a dimension's weights must depend only on dimensions drawn before it`,
        ),
      ];
    }
  }
  return [];
}

/**
 * A value whose rules rule out every value of another dimension (from either side of the rules): no
 * persona holding it can have that dimension. Reported at the first rule involved.
 */
function emptiedDimensions(
  rules: readonly BankRule[],
  dimensions: DimensionValues,
  source: YamlSource,
): ConfigIssue[] {
  // (dimension a, value, dimension b) → values of b ruled out, and the rules that did it.
  const forbidden = new Map<string, { values: Set<string>; rules: Set<number> }>();
  const forbid = (a: string, va: string, b: string, vb: string, r: number) => {
    const key = `${a}\u0000${va}\u0000${b}`;
    let entry = forbidden.get(key);
    if (!entry) {
      entry = { values: new Set(), rules: new Set() };
      forbidden.set(key, entry);
    }
    entry.values.add(vb);
    entry.rules.add(r);
  };
  rules.forEach((rule, r) => {
    const a = Object.keys(rule.when)[0]!;
    for (const va of rule.when[a]!) {
      const pairs = (b: string, out: (vb: string) => boolean) => {
        for (const vb of dimensions.get(b) ?? []) {
          if (!out(vb)) continue;
          forbid(a, va, b, vb, r);
          forbid(b, vb, a, va, r);
        }
      };
      for (const [b, values] of Object.entries(rule.requires ?? {})) pairs(b, (vb) => !values.includes(vb));
      for (const [b, values] of Object.entries(rule.excludes ?? {})) pairs(b, (vb) => values.includes(vb));
    }
  });
  const issues: ConfigIssue[] = [];
  for (const [key, entry] of forbidden) {
    const [a, va, b] = key.split("\u0000") as [string, string, string];
    if (entry.values.size < (dimensions.get(b)?.length ?? 0)) continue;
    const [first, ...others] = [...entry.rules].sort((x, y) => x - y);
    issues.push(
      issueAt(
        source,
        ["rules", first!],
        `rules leave no value of "${b}" for ${a}=${va}${others.length > 0 ? ` (with ${others.map((r) => `rules[${r}]`).join(", ")})` : ""}: ` +
          `"${b}" is unsatisfiable for every persona with ${a}=${va}; allow at least one value`,
      ),
    );
  }
  return issues;
}
