import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { personaTraits } from "../../../src/offline/traits/persona-traits.js";
import { loadPersonaBank, type PersonaBank } from "../../../src/persona/bank.js";
import { BUNDLED_BANK, UPSTREAM_BANK } from "../fixtures.js";

const bundled = loadPersonaBank(BUNDLED_BANK);
const upstream = loadPersonaBank(UPSTREAM_BANK);

describe("personaTraits", () => {
  test("defaults when nothing is known", () => {
    const t = personaTraits({});
    assert.equal(t.formality, 2);
    assert.equal(t.techLevel, 2);
    assert.equal(t.queryLength, "medium");
    assert.equal(t.answerLength, 2);
    assert.equal(t.urgency, 1);
    assert.equal(t.politeness, 1);
    assert.equal(t.emojiUse, 0);
    assert.equal(t.typoLevel, 1);
    assert.equal(t.tone, "neutral");
    assert.equal(t.warmth, 0);
    assert.equal(t.role, undefined);
    assert.equal(t.selfDescription, undefined);
    assert.deepEqual([...t.given], []);
  });

  test("formality from both banks' spellings", () => {
    const cases: Array<[string, number]> = [
      ["very_casual", 0],
      ["casual", 1],
      ["neutral", 2],
      ["business_casual", 2],
      ["formal", 3],
      ["professional", 3],
      ["very_formal", 4],
      ["highly_formal", 4],
      ["Very Formal", 4],
      ["extremely-casual", 0],
    ];
    for (const [value, level] of cases)
      assert.equal(personaTraits({ formality_level: value }).formality, level, value);
    assert.equal(personaTraits({ formality_level: 3 }).formality, 3, "a number is a level");
    assert.equal(personaTraits({ formality: "very_formal" }).formality, 4, "alias dimension name");
  });

  test("urgency from time_sensitivity and scenario spellings", () => {
    const cases: Array<[Record<string, string>, number]> = [
      [{ time_sensitivity: "relaxed" }, 0],
      [{ time_sensitivity: "exploratory" }, 0],
      [{ time_sensitivity: "normal" }, 1],
      [{ time_sensitivity: "somewhat_urgent" }, 2],
      [{ time_sensitivity: "urgent" }, 2],
      [{ time_sensitivity: "time_pressed" }, 2],
      [{ time_sensitivity: "in_a_rush" }, 2],
      [{ time_sensitivity: "critical" }, 3],
      [{ scenario: "in_a_rush" }, 2],
      [{ scenario: "in_a_rush", time_sensitivity: "critical" }, 3],
      [{ scenario: "planning" }, 1],
    ];
    for (const [features, level] of cases)
      assert.equal(personaTraits(features).urgency, level, JSON.stringify(features));
  });

  test("tech level, lengths, politeness, emoji and typing", () => {
    assert.equal(personaTraits({ tech_proficiency: "beginner" }).techLevel, 0);
    assert.equal(personaTraits({ tech_proficiency: "novice" }).techLevel, 0);
    assert.equal(personaTraits({ tech_proficiency: "expert" }).techLevel, 4);
    assert.equal(personaTraits({ role: "software_engineer" }).techLevel, 3, "technical roles default higher");
    assert.equal(personaTraits({ query_length_pref: "very_short" }).queryLength, "very_short");
    assert.equal(
      personaTraits({ time_sensitivity: "urgent" }).queryLength,
      "short",
      "urgent users write shorter",
    );
    assert.equal(personaTraits({ length_pref: "brief" }).answerLength, 1);
    assert.equal(personaTraits({ length_pref: "standard" }).answerLength, 2);
    assert.equal(personaTraits({ politeness: "very_polite" }).politeness, 3);
    assert.equal(personaTraits({ politeness: "curt" }).politeness, 0);
    assert.equal(personaTraits({ tone_pref: "blunt" }).politeness, 0, "derived from tone");
    assert.equal(personaTraits({ formality_level: "highly_formal" }).politeness, 2, "derived from formality");
    assert.equal(personaTraits({ emoji_use: "frequent" }).emojiUse, 3);
    assert.equal(personaTraits({ typing_accuracy: "frequent_typos" }).typoLevel, 3);
    assert.equal(personaTraits({ typing_accuracy: "meticulous" }).typoLevel, 0);
  });

  test("casualness combines formality, tone and age", () => {
    const teen = personaTraits({ formality_level: "very_casual", age_band: "u18", tone_pref: "playful" });
    const retiree = personaTraits({ formality_level: "formal", age_band: "65_plus" });
    assert.equal(teen.casualness, 1);
    assert.ok(retiree.casualness < 0.25);
    assert.equal(teen.ageGroup, "teen");
    assert.equal(retiree.ageGroup, "senior");
    assert.equal(personaTraits({ age_band: "60p" }).ageGroup, "senior");
  });

  test("who they are: role, seniority, industry, specialization", () => {
    const t = personaTraits({
      role: "data_scientist",
      seniority: "senior",
      industry: "fintech",
      specialization: "ml_eng",
    });
    assert.equal(t.roleLabel, "data scientist");
    assert.equal(t.seniority, 4);
    assert.equal(t.selfDescription, "a senior data scientist in fintech");
    assert.deepEqual(t.expertisePhrases, [
      "senior data scientist",
      "specializing in machine learning engineering",
      "working in fintech",
    ]);
    assert.equal(t.technicalRole, true);
    assert.equal(
      personaTraits({ role: "pm", seniority: "director_plus" }).selfDescription,
      "a director-level product manager",
    );
    assert.equal(
      personaTraits({ role: "hr_recruiter", seniority: "entry" }).selfDescription,
      "an entry-level HR recruiter",
    );
    assert.equal(personaTraits({ role: "retiree", seniority: "senior" }).selfDescription, "a retiree");
    assert.equal(personaTraits({ role: "air_traffic_controller" }).roleLabel, "air traffic controller");
    assert.equal(personaTraits({ role: "others" }).role, undefined, "a placeholder is no value");
    assert.equal(personaTraits({ role: null }).role, undefined);
  });

  test("tone words, formats and other categories from both banks", () => {
    assert.equal(personaTraits({ tone_pref: "empathetic" }).warmth, 1);
    assert.equal(personaTraits({ tone_pref: "blunt" }).warmth, -1);
    assert.equal(personaTraits({ tone_pref: "sardonic" }).tone, "sardonic");
    assert.equal(personaTraits({ format_pref_primary: "bullet_points" }).format, "bullets");
    assert.equal(personaTraits({ format_pref_primary: "bullets" }).format, "bullets");
    assert.equal(personaTraits({ format_pref_primary: "narrative" }).format, "paragraphs");
    assert.equal(personaTraits({ example_pref: "abundant" }).examples, "several");
    assert.equal(personaTraits({ citation_pref: "required" }).citations, 2);
    assert.equal(personaTraits({ code_preference: "python" }).codeLanguage, "Python");
    assert.equal(personaTraits({ code_preference: "short_snippets" }).codeStyle, "short_snippets");
    assert.equal(personaTraits({ code_preference: "not_applicable" }).codeLanguage, undefined);
    assert.equal(personaTraits({ accessibility_need: "none" }).accessibility, undefined);
    assert.equal(personaTraits({ accessibility_need: "screen_reader" }).accessibility, "screen_reader");
    assert.equal(personaTraits({ explanation_depth: "teach_me_why" }).explanationDepth, 4);
    assert.equal(personaTraits({ follow_up_tendency: "deep_dive" }).followUp, 3);
    assert.equal(personaTraits({ multi_intent_rate: "often_multi" }).multiIntent, 2);
  });

  test("unknown dimensions and unusable values are ignored", () => {
    const t = personaTraits({
      favourite_colour: "teal",
      formality_level: "???",
      emoji_use: null,
      seniority: "",
    });
    assert.equal(t.formality, 2);
    assert.deepEqual([...t.given], []);
  });

  // The dimensions the offline engine reads, and whether each value in bank order goes up or down
  // its scale (ordinal dimensions only).
  const READ: Array<[string, keyof ReturnType<typeof personaTraits> | undefined, "up" | "down" | undefined]> =
    [
      ["age_band", "ageGroup", undefined],
      ["education_level", "educationLevel", undefined],
      ["region", "region", undefined],
      ["language_background", "englishLevel", undefined],
      ["role", "role", undefined],
      ["seniority", "seniority", "up"],
      ["specialization", "specialization", undefined],
      ["industry", undefined, undefined],
      ["domain", "domain", undefined],
      ["scenario", "scenario", undefined],
      ["tone_pref", "tone", undefined],
      ["formality_level", "formality", "up"],
      ["tech_proficiency", "techLevel", "up"],
      ["query_length_pref", undefined, undefined],
      ["follow_up_tendency", "followUp", "up"],
      ["error_tolerance", "errorTolerance", "up"],
      ["politeness", "politeness", "up"],
      ["emoji_use", "emojiUse", "up"],
      ["typing_accuracy", "typoLevel", "up"],
      ["ai_familiarity", "aiFamiliarity", "up"],
      ["detail_orientation", "detail", "up"],
      ["explanation_depth", "explanationDepth", "up"],
      ["feedback_style", "feedbackStyle", undefined],
      ["learning_style", "learningStyle", undefined],
      ["format_pref_primary", "format", undefined],
      ["length_pref", "answerLength", "up"],
      ["example_pref", "examples", undefined],
      ["citation_pref", "citations", "up"],
      ["code_preference", undefined, undefined],
      ["accessibility_need", undefined, undefined],
      ["time_sensitivity", "urgency", undefined],
      ["multi_intent_rate", "multiIntent", "up"],
      ["risk_posture", "riskPosture", undefined],
      ["deliverable_type", "deliverable", undefined],
      ["creativity_vs_precision", "precision", "up"],
      ["collaboration_context", "collaboration", undefined],
      ["context_retention_expectation", "memoryExpectation", undefined],
      ["autonomy_level", "autonomy", "up"],
    ];

  for (const [label, bank] of [
    ["bundled", bundled],
    ["upstream", upstream],
  ] as Array<[string, PersonaBank]>) {
    test(`every value of every dimension the engine reads is recognised (${label} bank)`, () => {
      let checked = 0;
      for (const [name] of READ) {
        const dimension = bank.dimensions.find((d) => d.name === name);
        if (!dimension) continue;
        for (const value of dimension.values) {
          if (
            value === "others" ||
            value === "none" ||
            value === "not_applicable" ||
            value === "not_employed"
          )
            continue;
          assert.ok(personaTraits({ [name]: value }).given.includes(name), `${name}: ${value}`);
          checked++;
        }
      }
      assert.ok(checked > 150, `${checked} values checked`);
    });

    test(`ordinal values keep their bank order on the scales (${label} bank)`, () => {
      for (const [name, field, direction] of READ) {
        const dimension = bank.dimensions.find((d) => d.name === name);
        if (!dimension || !field || !direction) continue;
        const levels = dimension.values.map((value) => personaTraits({ [name]: value })[field] as number);
        for (let i = 1; i < levels.length; i++)
          assert.ok(
            (levels[i] ?? 0) >= (levels[i - 1] ?? 0),
            `${name}: ${dimension.values.join(" < ")} → ${levels.join(",")}`,
          );
      }
    });
  }

  test("the original bank lists time sensitivity from most to least urgent", () => {
    const values = upstream.dimensions.find((d) => d.name === "time_sensitivity")?.values ?? [];
    const levels = values.map((v) => personaTraits({ time_sensitivity: v }).urgency);
    assert.deepEqual(values, ["urgent", "somewhat_urgent", "normal", "exploratory"]);
    assert.deepEqual(levels, [2, 2, 1, 0]);
  });
});
