import type { PersonaFeatures } from "../../persona/persona.js";
import type { Rng } from "../../rng/random.js";
import { type PersonaTraits, personaTraits } from "../traits/persona-traits.js";
import { DOMAIN_LABELS, labelOf, withArticle } from "../traits/trait-labels.js";
import * as P from "./system-prompt-phrases.js";

/** Word budget of a rendered prompt: below the floor, generic guidance is added; above the cap, the
 * least important sentences are left out. */
const MIN_WORDS = 80;
const MAX_WORDS = 200;

/** Where a sentence goes: who they are, how to talk, expertise, answer shape, constraints. */
type Section = 0 | 1 | 2 | 3 | 4;

interface Sentence {
  section: Section;
  priority: number;
  text: string;
  order: number;
}

/**
 * The offline system prompt: persona features (either bank) → a natural prompt of a few sentences
 * telling an assistant how to serve this user — who they are, how to talk to them, the jargon level,
 * the shape of an answer, and the constraints of their situation. Sentence templates are chosen with
 * `rng`, so different personas read differently and the same `rng` state gives the same prompt.
 * About 80–200 words; never a list of trait names and values.
 */
export function renderSystemPrompt(features: PersonaFeatures, rng: Rng): string {
  const t = personaTraits(features);
  const sentences: Sentence[] = [];
  const add = (section: Section, priority: number, text: string | undefined): void => {
    if (text === undefined || text === "") return;
    // A little jitter, so which low-priority sentences fit the budget varies between personas.
    sentences.push({ section, priority: priority + rng.next() * 4, text, order: sentences.length });
  };
  const pick = (variants: readonly string[] | undefined): string | undefined =>
    variants === undefined || variants.length === 0 ? undefined : rng.pick(variants);
  const has = (dimension: string): boolean => t.given.includes(dimension);

  add(0, 100, whoSentence(t, rng));

  add(1, 95, pick(P.FORMALITY[t.formality]));
  const tone = P.TONE[t.tone] ?? `keep the tone ${t.tone}`;
  add(1, 90, has("tone_pref") || t.tone !== "neutral" ? fill(rng.pick(P.TONE_JOIN), { tone }) : undefined);
  if (t.englishLevel !== undefined) add(1, 83, P.ENGLISH[t.englishLevel]);
  if (has("politeness")) add(1, 45, pick(P.POLITENESS[t.politeness]));
  if (has("emoji_use")) add(1, 40, pick(P.EMOJI[t.emojiUse]));

  add(2, 94, pick(P.TECH[t.techLevel]));
  if (has("ai_familiarity")) add(2, 48, pick(P.AI_FAMILIARITY[t.aiFamiliarity]));

  add(3, 93, pick(P.LENGTH[t.answerLength]));
  if (t.format !== undefined) add(3, 88, pick(P.FORMAT[t.format]));
  if (has("explanation_depth")) add(3, 84, pick(P.DEPTH[t.explanationDepth]));
  if (t.examples !== undefined) add(3, 75, pick(P.EXAMPLES[t.examples]));
  if (has("citation_pref")) add(3, 74, pick(P.CITATIONS[t.citations]));
  if (t.codeStyle !== undefined) add(3, 70, P.CODE_STYLE[t.codeStyle]);
  if (t.codeLanguage !== undefined) add(3, 60, fill(P.CODE_LANGUAGE, { language: t.codeLanguage }));
  if (has("detail_orientation") && t.detail !== 1)
    add(
      3,
      58,
      t.detail === 0
        ? "Focus on the big picture rather than fine detail."
        : "Spell out specifics and edge cases.",
    );
  if (t.learningStyle !== undefined) add(3, 55, P.LEARNING[t.learningStyle]);
  if (t.deliverable !== undefined && t.deliverable !== "answer only")
    add(3, 45, fill(P.DELIVERABLE, { deliverable: withArticle(t.deliverable) }));

  if (t.accessibility !== undefined) add(4, 92, P.ACCESSIBILITY[t.accessibility]);
  add(4, 85, pick(P.URGENCY[t.urgency]));
  if (t.scenario !== undefined && !(t.scenario === "in_a_rush" && t.urgency >= 2))
    add(4, 80, P.SCENARIO[t.scenario]);
  if (has("follow_up_tendency")) add(4, 60, pick(P.FOLLOW_UP[t.followUp]));
  if (has("error_tolerance")) add(4, 65, pick(P.ERRORS[t.errorTolerance]));
  if (t.feedbackStyle !== undefined) add(4, 50, P.FEEDBACK[t.feedbackStyle]);
  if (t.region !== undefined) add(4, 55, fill(P.REGION, { region: t.region }));
  if (t.multiIntent >= 2) add(4, 50, P.MULTI_INTENT);
  if (t.riskPosture !== undefined) add(4, 38, P.RISK[t.riskPosture]);
  if (t.precision !== undefined) add(4, 36, pick(P.PRECISION[t.precision]));
  if (t.autonomy !== undefined) add(4, 35, pick(P.AUTONOMY[t.autonomy]));
  if (t.collaboration !== undefined) add(4, 34, P.COLLABORATION[t.collaboration]);
  if (t.memoryExpectation !== undefined) add(4, 30, P.MEMORY[t.memoryExpectation]);
  if (t.typoLevel >= 2) add(4, 40, P.TYPOS);
  if (has("query_length_pref")) add(4, 30, P.QUERY_LENGTH[t.queryLength]);

  const chosen: Sentence[] = [];
  let words = 0;
  for (const s of [...sentences].sort((a, b) => b.priority - a.priority)) {
    const n = wordCount(s.text);
    if (chosen.length > 0 && words + n > MAX_WORDS) continue;
    chosen.push(s);
    words += n;
  }
  for (const { text, covered } of rng.shuffle(P.GENERIC)) {
    if (words >= MIN_WORDS) break;
    if (chosen.some((s) => covered.test(s.text))) continue;
    chosen.push({ section: 4, priority: 0, text, order: sentences.length + chosen.length });
    words += wordCount(text);
  }
  chosen.sort((a, b) => a.section - b.section || a.order - b.order);
  return chosen.map((s) => s.text).join(" ");
}

function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => values[key] ?? m);
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => w !== "").length;
}

function whoSentence(t: PersonaTraits, rng: Rng): string {
  const ageNoun: Record<string, string> = {
    teen: "a teenager",
    young_adult: "a young adult",
    adult: "an adult",
    middle_aged: "an experienced adult",
    senior: "an older adult",
  };
  let who = t.selfDescription;
  let extra = "";
  if (who === undefined) who = (t.ageGroup && ageNoun[t.ageGroup]) ?? "someone";
  else if (t.ageGroup !== undefined && P.AGE_PHRASES[t.ageGroup] !== undefined)
    extra += ` ${P.AGE_PHRASES[t.ageGroup]}`;
  if (t.educationLevel !== undefined) extra += ` ${P.EDUCATION_PHRASES[t.educationLevel] ?? ""}`;
  if (t.specialization !== undefined && t.specialization !== "generalist")
    extra += `, specializing in ${t.specialization}`;
  const domain = labelOf(t.domain, DOMAIN_LABELS);
  if (domain !== undefined) extra += fill(rng.pick(P.DOMAIN_CLAUSE), { domain });
  else if (who === "someone")
    extra += " whose background you know little about, so read each request carefully";
  return fill(rng.pick(P.WHO), { who, extra: extra.replace(/\s+/g, " ").trimEnd() });
}
