import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ConfigError } from "../../src/errors.js";
import { loadPersonaBank, PersonaBankSchema } from "../../src/persona/bank.js";
import { Compatibility } from "../../src/persona/compatibility.js";
import { samplePersonas } from "../../src/persona/sampler.js";
import { loadSamplingConfig, SamplingConfigSchema } from "../../src/persona/sampling-config.js";
import { dataPath } from "../../src/util/data-path.js";
import { cli } from "../helpers/cli.js";
import { tempDir, UPSTREAM } from "../helpers/paths.js";

const bundledBank = loadPersonaBank(dataPath("persona_bank.yaml"));
const bundledSampling = loadSamplingConfig(dataPath("sampling_config.yaml"));

function issuesOfBank(t: { after(fn: () => void): void }, yaml: string): string[] {
  const file = join(tempDir(t), "bank.yaml");
  writeFileSync(file, yaml);
  try {
    loadPersonaBank(file);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`);
  }
  assert.fail("expected a ConfigError");
}

const SMALL_BANK = `dimensions:
  - name: age
    values: [child, adult, senior]
  - name: job
    values: [pupil, engineer, retired]
  - name: level
    values: [junior, senior]
`;

test("the original tool's bank, which has no rules, loads unchanged and breaks no rule", () => {
  const bank = loadPersonaBank(join(UPSTREAM, "persona.yaml"));
  assert.equal(bank.rules, undefined, "no rules key is added (the bank's content hash stays the same)");
  const compat = Compatibility.of(bank);
  assert.equal(compat.hasRules, false);
  assert.deepEqual(compat.violations({ age_band: "u18", seniority: "director_plus" }), []);
});

test("the bundled bank rules out the combinations real people rule out, for every listed pair of dimensions", () => {
  const rules = bundledBank.rules ?? [];
  const related = new Set<string>();
  for (const rule of rules) {
    const condition = Object.keys(rule.when)[0]!;
    for (const other of [...Object.keys(rule.requires ?? {}), ...Object.keys(rule.excludes ?? {})])
      related.add([condition, other].sort().join(" × "));
  }
  for (const pair of [
    ["age_band", "seniority"],
    ["age_band", "education_level"],
    ["age_band", "role"],
    ["role", "seniority"],
    ["role", "specialization"],
    ["industry", "role"],
    ["role", "tech_proficiency"],
    ["formality_level", "tone_pref"],
  ])
    assert.ok(related.has(pair.sort().join(" × ")), `a rule relates ${pair.join(" and ")}`);

  const compat = Compatibility.of(bundledBank);
  const broken = (features: Record<string, string>) => compat.violations(features).length > 0;
  assert.ok(broken({ age_band: "under_18", seniority: "director" }));
  assert.ok(broken({ age_band: "65_plus", seniority: "intern" }));
  assert.ok(broken({ role: "student", seniority: "manager" }));
  assert.ok(broken({ role: "customer_support", specialization: "machine_learning" }));
  assert.ok(broken({ role: "retiree", industry: "technology" }));
  assert.ok(broken({ role: "software_engineer", tech_proficiency: "novice" }));
  assert.ok(broken({ tone_pref: "formal", formality_level: "very_casual" }));
  assert.ok(!broken({ age_band: "under_18", role: "student", seniority: "intern" }));
  assert.ok(broken({ role: "customer_support", age_band: "under_18" }));
  assert.ok(!broken({ role: "retiree", seniority: "executive", industry: "not_employed" }));
  assert.ok(!broken({ age_band: "under_18" }), "a missing trait never breaks a rule");
});

/** The contradictions the issue names, checked independently of the bank's own rules. */
function hardContradiction(f: Record<string, string>): string | undefined {
  const manager = ["manager", "director", "executive"];
  if (f.age_band === "under_18" && f.seniority && manager.includes(f.seniority)) return "under-18 manager";
  if (f.age_band === "65_plus" && f.seniority === "intern") return "65+ intern";
  if (f.role === "student" && f.seniority && manager.includes(f.seniority)) return "student manager";
  if (f.role === "customer_support" && f.specialization === "machine_learning") return "support ML";
  if (f.role === "retiree" && f.industry && f.industry !== "not_employed") return "employed retiree";
  return undefined;
}

test("property: 200 seeds × 50 personas of the bundled bank break no rule, for every sampling strategy", () => {
  const compat = Compatibility.of(bundledBank);
  const strategies = {
    random: {},
    stratified: { stratified_sampling: { stratify_by: ["age_band", "role"] } },
    coverage: { coverage: { dimensions: ["age_band", "seniority", "formality_level"] } },
    custom: {
      custom_rules: [
        {
          condition: { dimension: "age_band", values: ["under_18", "18_24"] },
          action: { dimension: "seniority", preferred_values: ["executive", "director", "intern"] },
        },
        {
          condition: { dimension: "role", values: ["customer_support", "student"] },
          action: { dimension: "specialization", preferred_values: ["machine_learning", "generalist"] },
        },
      ],
    },
  };
  for (const [strategy, extra] of Object.entries(strategies)) {
    const sampling = SamplingConfigSchema.parse({ ...bundledSampling, strategy, ...extra });
    let personas = 0;
    const violations: string[] = [];
    for (let seed = 1; seed <= 200; seed++) {
      const result = samplePersonas({ bank: bundledBank, sampling, count: 50, runSeed: seed });
      for (const p of result.personas) {
        personas++;
        for (const v of compat.violations(p.features))
          violations.push(`seed ${seed}: rules[${v.rule}] ${v.features.join(" + ")}`);
        const hard = hardContradiction(p.features);
        if (hard) violations.push(`seed ${seed}: ${hard}`);
      }
    }
    assert.ok(personas >= 200 * 49, `${strategy}: ${personas} personas`);
    assert.deepEqual(violations.slice(0, 5), [], `${strategy}: ${violations.length} violations`);
  }
});

test("coverage counts only the pairs some persona can hold, and covers all of them", () => {
  const sampling = SamplingConfigSchema.parse({
    ...bundledSampling,
    strategy: "coverage",
    coverage: { dimensions: ["age_band", "role"] },
  });
  const { report } = samplePersonas({ bank: bundledBank, sampling, count: 200, runSeed: 5 });
  // 7 ages × 20 roles; ruled out: under_18 with all but student/others (18), retiree under 55 (4),
  // student at 65+ (1).
  assert.equal(report.coverage?.pairs_total, 7 * 20 - 23);
  assert.equal(report.coverage?.pairs_covered, report.coverage?.pairs_total);
});

test("stratified: cells the rules rule out are never used; the others are used evenly", () => {
  const sampling = SamplingConfigSchema.parse({
    ...bundledSampling,
    strategy: "stratified",
    stratified_sampling: { stratify_by: ["age_band", "role"] },
  });
  const { personas } = samplePersonas({ bank: bundledBank, sampling, count: 117 * 2, runSeed: 9 });
  const cells = new Map<string, number>();
  for (const p of personas) {
    const key = `${p.features.age_band}|${p.features.role}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  assert.equal(cells.size, 117);
  assert.deepEqual(new Set(cells.values()), new Set([2]));
  assert.ok(!cells.has("under_18|software_engineer"));
});

test("conditioned weights make a value more likely only where the condition holds", () => {
  const bank = PersonaBankSchema.parse({
    dimensions: [
      { name: "age", values: ["young", "old"] },
      { name: "job", values: ["pupil", "clerk", "pilot", "cook"] },
    ],
    rules: [{ when: { age: ["young"] }, weights: { job: { pupil: 9 } } }],
  });
  const sampling = SamplingConfigSchema.parse({
    random_sampling: { feature_availability_rate: 1, min_features: 2, max_features: 2 },
    constraints: { require_constraint: false, min_constraints: 0 },
    diversity: { enabled: false },
  });
  const shares = { young: [0, 0], old: [0, 0] };
  for (let seed = 0; seed < 1500; seed++) {
    const [p] = samplePersonas({ bank, sampling, count: 1, runSeed: seed }).personas;
    const age = p!.features.age as "young" | "old";
    shares[age][0]!++;
    if (p!.features.job === "pupil") shares[age][1]!++;
  }
  const young = shares.young[1]! / shares.young[0]!;
  const old = shares.old[1]! / shares.old[0]!;
  assert.ok(Math.abs(young - 9 / 12) < 0.05, `pupil among the young: ${young}`);
  assert.ok(Math.abs(old - 1 / 4) < 0.05, `pupil among the old: ${old}`);
});

test("rule mistakes are reported with file:line:column: unknown names, two conditions, weight cycles", (t) => {
  const issues = issuesOfBank(
    t,
    `${SMALL_BANK}rules:
  - when: {age: [kid]}
    excludes: {jobb: [pupil]}
  - when: {age: [child], job: [pupil]}
    excludes: {level: [senior]}
  - when: {age: [adult]}
  - when: {age: [senior]}
    weights: {job: {retired: 3}}
  - when: {job: [retired]}
    weights: {age: {senior: 2}}
`,
  );
  assert.deepEqual(issues, [
    '9:18 rules[0].when.age[0]: "kid" is not a value of "age"',
    '10:16 rules[0].excludes.jobb: unknown dimension "jobb" (not in the persona bank)',
    "11:5 rules[1].when: must name exactly one dimension (got 2)",
    "13:5 rules[2]: a rule needs `requires`, `excludes` or `weights`",
  ]);
  const cycle = issuesOfBank(
    t,
    `${SMALL_BANK}rules:
  - when: {age: [senior]}
    weights: {job: {retired: 3}}
  - when: {job: [retired]}
    weights: {age: {senior: 2}}
`,
  );
  assert.equal(cycle.length, 1);
  assert.match(cycle[0]!, /^10:5 rules\[0\]\.weights: weights form a cycle \(age → job → age\)/);
});

test("validate fails on a bank whose rules leave a value without any partner, naming the rules' location", async (t) => {
  const dir = tempDir(t);
  writeFileSync(
    join(dir, "bank.yaml"),
    `${SMALL_BANK}rules:
  - when: {age: [child]}
    requires: {job: [pupil]}
  - when: {job: [pupil]}
    excludes: {age: [child]}
`,
  );
  writeFileSync(join(dir, "config.yaml"), "paths:\n  persona_bank: {persona: bank.yaml}\n");
  const { code, stdout } = await cli(["validate", "--config", join(dir, "config.yaml")]);
  assert.equal(code, 2, stdout);
  assert.match(stdout, /persona bank\s+FAIL/);
  assert.ok(
    stdout.includes(
      `${join(dir, "bank.yaml")}:9:5: rules[0]: rules leave no value of "job" for age=child (with rules[1]): "job" is unsatisfiable for every persona with age=child`,
    ),
    stdout,
  );
});

test("sampling reports required dimensions the rules leave no persona for", () => {
  const bank = PersonaBankSchema.parse({
    dimensions: [
      { name: "a", values: ["x", "y"] },
      { name: "b", values: ["p", "q"] },
      { name: "c", values: ["m", "n"] },
    ],
    rules: [
      // a=x → b=p → c=m, which rules out a=x; a=y → b=q → c=n, which rules out a=y.
      { when: { a: ["x"] }, requires: { b: ["p"] } },
      { when: { a: ["y"] }, requires: { b: ["q"] } },
      { when: { b: ["p"] }, requires: { c: ["m"] } },
      { when: { b: ["q"] }, requires: { c: ["n"] } },
      { when: { c: ["m"] }, excludes: { a: ["x"] } },
      { when: { c: ["n"] }, excludes: { a: ["y"] } },
    ],
  });
  const sampling = SamplingConfigSchema.parse({
    required_dimensions: ["a", "b", "c"],
    random_sampling: { min_features: 3, max_features: 3 },
    constraints: { require_constraint: false, min_constraints: 0 },
  });
  assert.throws(
    () => samplePersonas({ bank, sampling, count: 1, runSeed: 1 }),
    (error: unknown) =>
      error instanceof ConfigError &&
      error.issues.some(
        (i) =>
          i.path === "required_dimensions" &&
          /rules leave no persona that holds every required dimension/.test(i.message),
      ),
  );
});

test("validate checks the sampling config against the bank and its rules (its own row)", async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, "bank.yaml"), SMALL_BANK);
  writeFileSync(
    join(dir, "sampling.yaml"),
    "required_dimensions: [age, mood]\nrandom_sampling: {min_features: 1, max_features: 3}\nconstraints: {require_constraint: false, min_constraints: 0}\n",
  );
  writeFileSync(
    join(dir, "config.yaml"),
    "paths:\n  persona_bank: {persona: bank.yaml}\n  sampling: {config: sampling.yaml}\n",
  );
  const bad = await cli(["validate", "--config", join(dir, "config.yaml")]);
  assert.equal(bad.code, 2, bad.stdout);
  assert.match(bad.stdout, /persona sampling\s+FAIL/);
  assert.match(bad.stdout, /required_dimensions\[1\]: unknown dimension "mood"/);
  const good = await cli(["validate"]);
  assert.equal(good.code, 0, good.stdout);
  assert.match(
    good.stdout,
    /persona sampling\s+PASS\s+the sampling config fits the persona bank and its rules/,
  );
});
