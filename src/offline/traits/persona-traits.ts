import type { PersonaFeatures } from "../../persona/persona.js";
import { canonicalFeatures } from "./dimension-names.js";
import { describeExpertise, describeSelf } from "./self-description.js";
import {
  ACCESSIBILITY,
  type Accessibility,
  AGE_GROUPS,
  type AgeGroup,
  AUTONOMY,
  CODE_STYLES,
  COOL_TONES,
  type CodeStyle,
  EDUCATION,
  ENGLISH,
  type EnglishLevel,
  EXAMPLES,
  type ExamplePref,
  FORMATS,
  type FormatPref,
  LEARNING,
  type LearningStyle,
  MULTI_INTENT,
  PRECISION,
  RISK,
  type RiskPosture,
  TECHNICAL_SPECIALIZATIONS,
  TONES,
  WARM_TONES,
} from "./trait-categories.js";
import {
  CODE_LANGUAGE_LABELS,
  humanize,
  INDUSTRY_LABELS,
  labelOf,
  REGION_LABELS,
  ROLE_LABELS,
  SPECIALIZATION_LABELS,
  TECHNICAL_ROLES,
} from "./trait-labels.js";
import {
  AI_FAMILIARITY,
  ANSWER_LENGTH,
  CITATIONS,
  clamp,
  DETAIL,
  EMOJI,
  ERROR_TOLERANCE,
  EXPLANATION,
  type FeatureValue,
  FOLLOW_UP,
  FORMALITY,
  POLITENESS,
  QUERY_LENGTH,
  QUERY_LENGTHS,
  type QueryLength,
  readCategory,
  readScale,
  SENIORITY,
  SENIORITY_LABELS,
  SENIORITY_SPELLINGS,
  TECH,
  TYPOS,
  URGENCY,
  valueKey,
} from "./trait-scales.js";

export type {
  Accessibility,
  AgeGroup,
  CodeStyle,
  EnglishLevel,
  ExamplePref,
  FeatureValue,
  FormatPref,
  LearningStyle,
  QueryLength,
  RiskPosture,
};

/**
 * A persona read into typed traits. Numbers are levels on the scales of `trait-scales.ts` (0 is the
 * low end); `undefined` means the persona says nothing usable and no default makes sense. Traits with a
 * default always hold a value, and {@link PersonaTraits.given} says which dimensions were actually set.
 */
export interface PersonaTraits {
  // --- voice: how the user writes -------------------------------------------------------------
  /** 0 very casual · 1 casual · 2 neutral (default) · 3 formal · 4 very formal. */
  formality: number;
  /** 0..1: how loose the writing is (formality, tone and age together); drives lowercase and slang. */
  casualness: number;
  /** 0 curt · 1 neutral · 2 polite · 3 very polite; derived from tone and formality when missing. */
  politeness: number;
  /** One tone word (`blunt`, `warm`, `formal`, `playful`, …); `neutral` when missing. */
  tone: string;
  /** -1 cool (blunt, direct, skeptical, concise) · 0 neutral · 1 warm (friendly, warm, playful, …). */
  warmth: -1 | 0 | 1;
  /** 0 never · 1 rare · 2 occasional · 3 frequent; rare at most for casual users when missing. */
  emojiUse: number;
  /** 0 meticulous · 1 mostly clean (default) · 2 occasional typos · 3 frequent typos. */
  typoLevel: number;
  /** The user's own message length; `medium` by default, `short` for urgent users. */
  queryLength: QueryLength;

  // --- who they are -----------------------------------------------------------------------------
  /** 0 novice · 1 basic · 2 intermediate · 3 advanced · 4 expert; 3 by default for technical roles. */
  techLevel: number;
  /** 0 first time · 1 occasional · 2 regular (default) · 3 power user · 4 builds with LLMs. */
  aiFamiliarity: number;
  /** Role value key (`software_engineer`, `pm`, …). */
  role: string | undefined;
  /** Role as a noun phrase without article (`software engineer`, `product manager`). */
  roleLabel: string | undefined;
  /** The role (or specialization) is hands-on technical. */
  technicalRole: boolean;
  /** 0 intern … 4 senior … 8 executive. */
  seniority: number | undefined;
  /** Seniority as an adjective (`senior`, `mid-level`, `staff-level`). */
  seniorityLabel: string | undefined;
  /** Specialization as a phrase (`backend systems`, `UX research`). */
  specialization: string | undefined;
  /** Industry as the object of "in" (`fintech`, `legal services`). */
  industry: string | undefined;
  /** Domain value key (`coding`, `legal`, `food`, …) as sampled. */
  domain: string | undefined;
  /** Age group. */
  ageGroup: AgeGroup | undefined;
  /** 0 middle school · 1 secondary · 2 vocational/associate/self-taught · 3 bachelor · 4 master · 5 doctorate. */
  educationLevel: number | undefined;
  /** Region as a place name (`Western Europe`). */
  region: string | undefined;
  /** How the user relates to English. */
  englishLevel: EnglishLevel | undefined;
  /**
   * Short phrases that describe the user's expertise, most telling first: `senior software engineer`,
   * `specializing in backend systems`, `working in fintech`.
   */
  expertisePhrases: string[];
  /** The user in one phrase with article (`a senior data scientist in fintech`), when role or seniority is known. */
  selfDescription: string | undefined;

  // --- situation and behaviour ------------------------------------------------------------------
  /** Scenario value key (`in_a_rush`, `debugging`, `casual`, …). */
  scenario: string | undefined;
  /** 0 relaxed · 1 normal (default) · 2 urgent · 3 critical; an `in_a_rush` scenario makes it at least 2. */
  urgency: number;
  /** 0 one shot · 1 occasional (default) · 2 iterative · 3 exhaustive. */
  followUp: number;
  /** 0 no tolerance · 1 low · 2 moderate (default) · 3 high. */
  errorTolerance: number;
  /** Feedback style value key (`blunt_criticism`, `gentle_suggestion`, …). */
  feedbackStyle: string | undefined;
  /** 0 one question per message (default) · 1 sometimes several · 2 often several. */
  multiIntent: number;
  /** How the user learns best. */
  learningStyle: LearningStyle | undefined;
  /** Tolerance for uncertain or experimental suggestions. */
  riskPosture: RiskPosture | undefined;
  /** 0 highly creative … 2 balanced … 4 highly precise. */
  precision: number | undefined;
  /** 0 wants guidance at every step … 4 full autonomy. */
  autonomy: number | undefined;
  /** Collaboration context key (`solo`, `client_facing`, …). */
  collaboration: string | undefined;
  /** Context retention expectation key (`fresh_each_time`, `long_term_memory`, …). */
  memoryExpectation: string | undefined;

  // --- answer shape -----------------------------------------------------------------------------
  /** 0 terse · 1 concise · 2 moderate (default) · 3 detailed · 4 exhaustive. */
  answerLength: number;
  /** 0 answer only · 1 brief rationale (default) · 2 step by step · 3 deep dive · 4 first principles. */
  explanationDepth: number;
  /** 0 big picture · 1 balanced (default) · 2 detail focused · 3 exhaustive. */
  detail: number;
  /** Preferred layout. */
  format: FormatPref | undefined;
  /** Worked examples wanted. */
  examples: ExamplePref | undefined;
  /** 0 none (default) · 1 light pointers · 2 sources for claims · 3 formal citations. */
  citations: number;
  /** How code should be presented. */
  codeStyle: CodeStyle | undefined;
  /** Preferred programming language (`Python`, `Go`, …). */
  codeLanguage: string | undefined;
  /** The deliverable the user usually wants, as words (`email draft`, `study plan`). */
  deliverable: string | undefined;
  /** An accessibility need that changes how answers must be written. */
  accessibility: Accessibility | undefined;

  /** Canonical names of the dimensions that were present with a usable value. */
  given: readonly string[];
}

/**
 * Reads a persona's features (from either bank, any mix of spellings; unknown dimensions are ignored)
 * into {@link PersonaTraits}, filling sensible defaults for what is missing.
 */
export function personaTraits(features: PersonaFeatures): PersonaTraits {
  let traits = TRAITS_CACHE.get(features);
  if (!traits) {
    traits = computeTraits(features);
    TRAITS_CACHE.set(features, traits);
  }
  return traits;
}

/**
 * Memo of {@link personaTraits} by features object. A pure function's cache, invisible to callers:
 * the offline engine asks for the same persona's traits at every turn of every conversation, and
 * features objects are never mutated once sampled. Entries go with their features objects.
 */
const TRAITS_CACHE = new WeakMap<PersonaFeatures, PersonaTraits>();

function computeTraits(features: PersonaFeatures): PersonaTraits {
  const f = canonicalFeatures(features);
  // An array, not a Set: twenty names cost a tenth of the memory, and traits are kept per persona.
  const given: string[] = [];
  const mark = (name: string): void => {
    if (!given.includes(name)) given.push(name);
  };
  const get = (name: string): FeatureValue | undefined => f.get(name);
  const level = (name: string, s: Parameters<typeof readScale>[1]): number | undefined => {
    const v = readScale(get(name), s);
    if (v !== undefined) mark(name);
    return v;
  };
  const category = <T extends string>(name: string, table: Readonly<Record<string, T>>): T | undefined => {
    const v = readCategory(get(name), table);
    if (v !== undefined) mark(name);
    return v;
  };
  const key = (name: string): string | undefined => {
    const v = valueKey(get(name));
    if (v !== undefined) mark(name);
    return v;
  };
  const label = (name: string, table: Readonly<Record<string, string>>): string | undefined => {
    const v = labelOf(get(name), table);
    if (v !== undefined) mark(name);
    return v;
  };

  const toneKey = key("tone_pref");
  const tone = toneKey === undefined ? "neutral" : (TONES[toneKey] ?? toneKey.replace(/_/g, " "));
  const warmth: -1 | 0 | 1 = WARM_TONES.has(tone) ? 1 : COOL_TONES.has(tone) ? -1 : 0;
  const formality =
    level("formality_level", FORMALITY) ?? (tone === "formal" || tone === "professional" ? 3 : 2);
  const ageGroup = category("age_band", AGE_GROUPS) ?? ageFromNumber(get("age_band"));
  if (ageGroup !== undefined) mark("age_band");
  const toneShift = ["casual", "playful", "enthusiastic"].includes(tone)
    ? 0.15
    : ["formal", "professional"].includes(tone)
      ? -0.15
      : 0;
  const ageShift =
    ageGroup === "teen" ? 0.15 : ageGroup === "young_adult" ? 0.08 : ageGroup === "senior" ? -0.1 : 0;
  const casualness = round2(clamp((4 - formality) / 4 + toneShift + ageShift, 0, 1));

  const role = key("role");
  const specializationKey = valueKey(get("specialization"));
  const technicalRole =
    (role !== undefined && TECHNICAL_ROLES.has(role)) ||
    (specializationKey !== undefined && TECHNICAL_SPECIALIZATIONS.has(specializationKey));
  const aiFamiliarity = level("ai_familiarity", AI_FAMILIARITY) ?? 2;
  const techLevel = level("tech_proficiency", TECH) ?? (technicalRole || aiFamiliarity >= 3 ? 3 : 2);

  const scenario = key("scenario");
  const timeUrgency = level("time_sensitivity", URGENCY);
  const scenarioUrgency = readScale(scenario ?? null, URGENCY);
  const urgency = Math.max(
    timeUrgency ?? 1,
    scenarioUrgency !== undefined && scenarioUrgency >= 2 ? scenarioUrgency : 0,
  );
  const politeness =
    level("politeness", POLITENESS) ??
    (tone === "blunt" ? 0 : formality >= 3 || warmth === 1 ? 2 : warmth === -1 && formality <= 1 ? 0 : 1);
  const emojiUse =
    level("emoji_use", EMOJI) ?? (casualness >= 0.75 && (warmth === 1 || ageGroup === "teen") ? 1 : 0);
  const queryLevel = level("query_length_pref", QUERY_LENGTH);
  const queryLength: QueryLength = QUERY_LENGTHS[queryLevel ?? (urgency >= 2 ? 1 : 2)] ?? "medium";

  const seniority = level("seniority", SENIORITY);
  const seniorityKey = valueKey(get("seniority"));
  const seniorityLabel =
    seniority === undefined
      ? undefined
      : ((seniorityKey !== undefined ? SENIORITY_SPELLINGS[seniorityKey] : undefined) ??
        SENIORITY_LABELS[seniority]);
  const roleLabel = label("role", ROLE_LABELS);
  const specialization = label("specialization", SPECIALIZATION_LABELS);
  const industryKey = valueKey(get("industry"));
  const industry = industryKey === "not_employed" ? undefined : label("industry", INDUSTRY_LABELS);
  if (industryKey === "not_employed") mark("industry");
  const codeKey = key("code_preference");
  const codeStyle = codeKey === undefined ? undefined : CODE_STYLES[codeKey];
  const codeLanguage =
    codeKey === undefined || codeStyle !== undefined || codeKey === "not_applicable"
      ? undefined
      : (CODE_LANGUAGE_LABELS[codeKey] ?? humanize(codeKey));

  const expertisePhrases = describeExpertise(roleLabel, role, seniorityLabel, specialization, industry);
  const selfDescription = describeSelf(roleLabel, role, seniorityLabel, industry);

  return {
    formality,
    casualness,
    politeness,
    tone,
    warmth,
    emojiUse,
    typoLevel: level("typing_accuracy", TYPOS) ?? 1,
    queryLength,
    techLevel,
    aiFamiliarity,
    role,
    roleLabel,
    technicalRole,
    seniority,
    seniorityLabel,
    specialization,
    industry,
    domain: key("domain"),
    ageGroup,
    educationLevel: level("education_level", EDUCATION),
    region: label("region", REGION_LABELS),
    englishLevel: category("language_background", ENGLISH),
    expertisePhrases,
    selfDescription,
    scenario,
    urgency,
    followUp: level("follow_up_tendency", FOLLOW_UP) ?? 1,
    errorTolerance: level("error_tolerance", ERROR_TOLERANCE) ?? 2,
    feedbackStyle: key("feedback_style"),
    multiIntent: level("multi_intent_rate", MULTI_INTENT) ?? 0,
    learningStyle: category("learning_style", LEARNING),
    riskPosture: category("risk_posture", RISK),
    precision: level("creativity_vs_precision", PRECISION),
    autonomy: level("autonomy_level", AUTONOMY),
    collaboration: key("collaboration_context"),
    memoryExpectation: key("context_retention_expectation"),
    answerLength: level("length_pref", ANSWER_LENGTH) ?? 2,
    explanationDepth: level("explanation_depth", EXPLANATION) ?? 1,
    detail: level("detail_orientation", DETAIL) ?? 1,
    format: category("format_pref_primary", FORMATS),
    examples: category("example_pref", EXAMPLES),
    citations: level("citation_pref", CITATIONS) ?? 0,
    codeStyle,
    codeLanguage,
    deliverable: key("deliverable_type")?.replace(/_/g, " "),
    accessibility: category("accessibility_need", ACCESSIBILITY),
    given,
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function ageFromNumber(value: FeatureValue | undefined): AgeGroup | undefined {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) return undefined;
  if (value < 18) return "teen";
  if (value < 25) return "young_adult";
  if (value < 45) return "adult";
  if (value < 65) return "middle_aged";
  return "senior";
}
