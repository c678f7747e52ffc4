import type { FormatPref, PersonaTraits } from "../traits/persona-traits.js";

/**
 * The persona reduced to what the simulated user's next message depends on: how they write
 * (register, casing, text-speak, emoji), how they react (patience, criticism, curiosity) and what
 * they care about (their situation, a preferred layout and depth).
 */
export interface UserProfile {
  /** Which phrasing pool: curt (no courtesies), plain, or polite (courtesies, full sentences). */
  register: "curt" | "plain" | "polite";
  /** Formal writing: capitalised, punctuated, no contractions, no emoji, no text-speak. */
  formal: boolean;
  /** Chance of a lower-case start and a missing final period. */
  lowercase: number;
  /** Chance of text-speak abbreviations (u, pls, rn). */
  textSpeak: number;
  /** Chance of one emoji per message. */
  emoji: number;
  /**
   * Chance of a hastily typed message (no capital, no final mark), from `typing_accuracy`. Only the
   * mechanics: misspellings are the distractor's job, recorded as edits, never in the clean text.
   */
  hasty: number;
  /** 0 relaxed … 3 critical. */
  urgency: number;
  /** Writes short messages and wants short answers. */
  terse: boolean;
  /** Knows little of the subject: asks what terms mean. */
  novice: boolean;
  /** Knows the subject well: skips basics, spots mistakes. */
  expert: boolean;
  /** Quick to say an answer is wrong. */
  critical: boolean;
  /** 0 one shot · 1 occasional · 2 iterative · 3 exhaustive. */
  followUp: number;
  /** Per-turn chance of giving up; 0 for a patient user. */
  giveUp: number;
  /** Gives up faster when the answers are long. */
  hatesLongAnswers: boolean;
  /** Tone word of the persona. */
  tone: string;
  /** -1 cool · 0 neutral · 1 warm. */
  warmth: -1 | 0 | 1;
  /** Who they are, with article, for "how would this work for …" (`a senior lawyer in legal services`). */
  who: string | undefined;
  /** A phrase about their circumstances (`on my phone`, `in a rush`), if the scenario gives one. */
  circumstance: string | undefined;
  /** The layout they prefer, if any. */
  format: FormatPref | undefined;
  /** 0 terse … 4 exhaustive. */
  answerLength: number;
  /** Wants the reasoning behind answers. */
  wantsWhy: boolean;
  /** Learns from examples. */
  wantsExamples: boolean;
  /** The persona's domain key, if any. */
  domain: string | undefined;
}

const CIRCUMSTANCES: Readonly<Record<string, string>> = {
  on_mobile: "on my phone",
  in_a_rush: "in a rush",
  exam_prep: "studying for an exam",
  work_task: "doing this for work",
  debugging: "in the middle of debugging",
  troubleshooting: "trying to fix this right now",
  planning: "still planning",
  learning: "just learning this",
  brainstorming: "still brainstorming",
  decision_making: "trying to decide",
  reviewing: "reviewing someone else's work",
  casual_curiosity: "just curious",
  casual: "just curious",
};

const BLUNT_FEEDBACK = new Set([
  "terse_correction",
  "blunt_criticism",
  "direct_correction",
  "detailed_critique",
]);

/** Reads the traits into a profile. */
export function userProfile(t: PersonaTraits): UserProfile {
  const formal = t.formality >= 3;
  const register: UserProfile["register"] =
    t.politeness >= 2 || formal
      ? "polite"
      : t.politeness === 0 || (t.warmth === -1 && t.urgency >= 2)
        ? "curt"
        : "plain";
  const terse = t.queryLength === "very_short" || t.queryLength === "short" || t.answerLength <= 1;
  const critical =
    t.errorTolerance <= 1 ||
    t.tone === "skeptical" ||
    (t.feedbackStyle !== undefined && BLUNT_FEEDBACK.has(t.feedbackStyle));
  const impatient = t.urgency >= 2 || t.errorTolerance <= 1 || (t.politeness === 0 && t.warmth === -1);
  let giveUp = 0;
  if (impatient) {
    giveUp =
      0.02 +
      (t.urgency >= 3 ? 0.015 : 0) +
      (t.errorTolerance === 0 ? 0.015 : 0) +
      (t.politeness === 0 ? 0.01 : 0);
  }
  const emoji = formal ? 0 : ([0, 0.12, 0.35, 0.7][t.emojiUse] ?? 0);
  const who =
    t.selfDescription ??
    (t.ageGroup === "senior" ? "a retiree" : t.ageGroup === "teen" ? "a student" : undefined);
  return {
    register,
    formal,
    // A careful typist capitalises even in a casual register; a careless one skips it more often.
    lowercase: formal
      ? 0
      : Math.min(1, Math.max(0, (t.casualness - 0.35) * 1.4) * ([0.25, 0.75, 1, 1.2][t.typoLevel] ?? 1)),
    textSpeak: formal ? 0 : t.formality === 0 ? 0.6 : t.formality === 1 && t.casualness >= 0.7 ? 0.25 : 0,
    emoji,
    hasty: (formal ? [0, 0, 0.15, 0.3] : [0, 0.1, 0.4, 0.7])[t.typoLevel] ?? 0.1,
    urgency: t.urgency,
    terse,
    novice: t.techLevel <= 1 || t.aiFamiliarity === 0,
    expert: t.techLevel >= 4 || (t.techLevel >= 3 && (t.seniority ?? 0) >= 4),
    critical,
    followUp: t.followUp,
    giveUp,
    hatesLongAnswers: impatient && terse,
    tone: t.tone,
    warmth: t.warmth,
    who,
    circumstance: t.scenario === undefined ? undefined : CIRCUMSTANCES[t.scenario],
    format: t.format,
    answerLength: t.answerLength,
    wantsWhy: t.explanationDepth >= 3 || t.detail >= 2 || t.learningStyle === "concepts",
    wantsExamples:
      t.examples === "several" ||
      t.examples === "first" ||
      t.learningStyle === "examples" ||
      t.learningStyle === "hands_on",
    domain: t.domain,
  };
}
