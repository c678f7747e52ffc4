import { scale } from "./trait-scales.js";

/**
 * Categorical persona values of both banks (and common synonyms) reduced to one spelling each, and
 * the small ordinal scales that only one bank has. Read by `persona-traits.ts`.
 */

/** The answer layouts both banks name, reduced to one spelling each. */
export type FormatPref =
  | "paragraphs"
  | "bullets"
  | "numbered_steps"
  | "table"
  | "code_block"
  | "checklist"
  | "outline"
  | "pros_cons"
  | "qa";
/** How many worked examples the user wants, and where. */
export type ExamplePref = "none" | "one" | "several" | "first" | "contrasting";
/** How code should be presented (the bundled bank's `code_preference`). */
export type CodeStyle =
  | "no_code"
  | "pseudocode"
  | "short_snippets"
  | "complete_runnable"
  | "annotated_walkthrough";
/** An accessibility need that changes how an answer must be written. */
export type Accessibility =
  | "screen_reader"
  | "dyslexia_friendly"
  | "plain_language"
  | "low_bandwidth"
  | "color_blind";
/** Age bands of both banks, coarsened. */
export type AgeGroup = "teen" | "young_adult" | "adult" | "middle_aged" | "senior";
/** How the user relates to English. */
export type EnglishLevel = "native" | "fluent" | "intermediate" | "basic" | "code_switcher";
/** How the user best takes in new material. */
export type LearningStyle =
  | "examples"
  | "concepts"
  | "hands_on"
  | "visual"
  | "analogies"
  | "steps"
  | "exploratory";
/** Tolerance for uncertain or experimental suggestions. */
export type RiskPosture = "averse" | "balanced" | "tolerant";

/** Tone words of both banks and their synonyms → one tone word. */
export const TONES: Readonly<Record<string, string>> = Object.fromEntries([
  ...[
    "blunt direct friendly warm formal casual playful skeptical anxious enthusiastic neutral empathetic",
    "professional concise persuasive",
  ]
    .join(" ")
    .split(" ")
    .map((t) => [t, t]),
  ...Object.entries({
    curt: "blunt",
    terse: "concise",
    kind: "warm",
    caring: "empathetic",
    supportive: "empathetic",
    cheerful: "enthusiastic",
    excited: "enthusiastic",
    humorous: "playful",
    funny: "playful",
    witty: "playful",
    nervous: "anxious",
    worried: "anxious",
    doubtful: "skeptical",
    critical: "skeptical",
    polite: "formal",
    businesslike: "professional",
    chill: "casual",
    relaxed: "casual",
  }),
]);
/** Tones that read as warm. */
export const WARM_TONES = new Set(["friendly", "warm", "playful", "enthusiastic", "empathetic"]);
/** Tones that read as cool or curt. */
export const COOL_TONES = new Set(["blunt", "direct", "skeptical", "concise"]);

/** Answer layouts of both banks → one spelling. */
export const FORMATS: Readonly<Record<string, FormatPref>> = {
  plain_paragraphs: "paragraphs",
  paragraphs: "paragraphs",
  narrative: "paragraphs",
  prose: "paragraphs",
  bullet_points: "bullets",
  bullets: "bullets",
  bulleted_list: "bullets",
  numbered_steps: "numbered_steps",
  numbered_list: "numbered_steps",
  steps: "numbered_steps",
  table: "table",
  tables: "table",
  code_block: "code_block",
  code: "code_block",
  checklist: "checklist",
  outline: "outline",
  pros_cons: "pros_cons",
  qa: "qa",
  faq: "qa",
};

/** Example preferences of both banks → one spelling. */
export const EXAMPLES: Readonly<Record<string, ExamplePref>> = {
  no_examples: "none",
  none: "none",
  minimal: "none",
  one_example: "one",
  some: "one",
  single: "one",
  several_examples: "several",
  abundant: "several",
  many: "several",
  examples_first: "first",
  contrasting_examples: "contrasting",
};

/** Code presentation values (the original bank uses `code_preference` for languages instead). */
export const CODE_STYLES: Readonly<Record<string, CodeStyle>> = {
  no_code: "no_code",
  pseudocode: "pseudocode",
  short_snippets: "short_snippets",
  snippets: "short_snippets",
  complete_runnable: "complete_runnable",
  runnable: "complete_runnable",
  annotated_walkthrough: "annotated_walkthrough",
};

/** Accessibility needs → one spelling (`none` is no need). */
export const ACCESSIBILITY: Readonly<Record<string, Accessibility>> = {
  screen_reader: "screen_reader",
  dyslexia_friendly: "dyslexia_friendly",
  dyslexia: "dyslexia_friendly",
  plain_language: "plain_language",
  low_bandwidth: "low_bandwidth",
  color_blind: "color_blind",
  colour_blind: "color_blind",
};

/** Age bands of both banks → age group. */
export const AGE_GROUPS: Readonly<Record<string, AgeGroup>> = {
  under_18: "teen",
  u18: "teen",
  teen: "teen",
  "18_24": "young_adult",
  "25_34": "adult",
  "35_44": "adult",
  "45_54": "middle_aged",
  "45_60": "middle_aged",
  "55_64": "middle_aged",
  "65_plus": "senior",
  "60p": "senior",
  senior: "senior",
};

/** Education levels of both banks: 0 middle school … 5 doctorate. */
export const EDUCATION = scale([
  "middle_school_or_lower middle_school primary_school",
  "secondary_school high_school",
  "vocational_training associate some_college self_taught",
  "bachelors bachelor undergraduate",
  "masters master mba",
  "doctorate phd",
]);

/** Language backgrounds → English level. */
export const ENGLISH: Readonly<Record<string, EnglishLevel>> = {
  native_speaker: "native",
  native: "native",
  fluent_second_language: "fluent",
  fluent: "fluent",
  intermediate_learner: "intermediate",
  intermediate: "intermediate",
  basic_learner: "basic",
  basic: "basic",
  beginner: "basic",
  bilingual_code_switcher: "code_switcher",
  code_switcher: "code_switcher",
};

/** Learning styles of both banks → one spelling. */
export const LEARNING: Readonly<Record<string, LearningStyle>> = {
  examples_first: "examples",
  example_driven: "examples",
  concepts_first: "concepts",
  conceptual: "concepts",
  hands_on: "hands_on",
  visual: "visual",
  analogies: "analogies",
  guided_steps: "steps",
  step_by_step: "steps",
  exploratory: "exploratory",
};

/** Risk postures → one spelling. */
export const RISK: Readonly<Record<string, RiskPosture>> = {
  risk_averse: "averse",
  averse: "averse",
  balanced: "balanced",
  risk_tolerant: "tolerant",
  tolerant: "tolerant",
};

/** How often several requests share one message: 0 single … 2 often. */
export const MULTI_INTENT = scale(["single", "sometimes_multi sometimes", "often_multi often"]);
/** Creativity versus precision: 0 highly creative … 4 highly precise. */
export const PRECISION = scale([
  "highly_creative",
  "balanced_creative",
  "balanced",
  "balanced_precise",
  "highly_precise",
]);
/** Autonomy wanted: 0 guidance at every step … 4 full autonomy. */
export const AUTONOMY = scale([
  "high_guidance",
  "moderate_guidance",
  "balanced",
  "autonomous_suggestions",
  "full_autonomy",
]);
/** Specializations that make a user hands-on technical. */
export const TECHNICAL_SPECIALIZATIONS = new Set(
  "frontend backend fullstack mobile infra devops machine_learning ml_eng data_engineering data_eng security security_eng qa_eng it_support".split(
    " ",
  ),
);
