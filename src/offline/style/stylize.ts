import type { PersonaFeatures } from "../../persona/persona.js";
import type { Rng } from "../../rng/random.js";
import { fitArticles } from "../../text/grammar.js";
import { JARGON } from "../../text/lexicon.js";
import { maskSpans, REWRITE_SPANS, unmask } from "../../text/protected-spans.js";
import { classifyQuery, type Domain, type Scenario } from "../../text/query-classifier.js";
import { personaTraits, type QueryLength } from "../traits/persona-traits.js";
import { fitLength, requestWordsOf } from "./style-length.js";
import { TONE_MARKERS } from "./style-phrases.js";
import { capitalize, tidy } from "./style-rules.js";
import {
  addOpener,
  STEPS,
  STYLE_GROUPS,
  type StyleContext,
  type StyleGroup,
  TRANSFORM_GROUP,
} from "./style-steps.js";

export { STYLE_GROUPS, type StyleGroup, TRANSFORM_GROUP };

/** What to rewrite, for whom, and how much of the persona to show. */
export interface StylizeInput {
  /** The seed request. */
  query: string;
  /** The persona's features, either bank's spelling. */
  features: PersonaFeatures;
  /** Length to aim for; the persona's `query_length_pref` when absent. */
  targetLength?: QueryLength | undefined;
  /** `full`: every style trait shows; `partial`: phrasing, length and the 1–2 others that matter most. */
  promptType?: "full" | "partial" | undefined;
}

/** The offline style transfer's answer, in the shape the LLM path returns (plus what was done). */
export interface StylizeOutput {
  adapted_query: string;
  inferred_domain: Domain;
  inferred_scenario: Scenario;
  /** The transformations applied, in order (`trim`, `context`, `politeness`, `contractions`, `emoji`, …). */
  applied: string[];
}

const TECHNICAL_DOMAINS = new Set<string>(["coding", "data", "personal_tech", "science", "math"]);
/** Any jargon term longer than three letters, as a word, in any case: the request is technical. */
const EXPERT_TERM = new RegExp(
  `\\b(?:${JARGON.filter((j) => j.expert.length > 3)
    .map((j) => j.expert.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
    .join("|")})\\b`,
  "i",
);

/**
 * Rewrites a request the way this persona would type it, by rules: phrasing (the request put another
 * way: another frame, the ask first, paraphrases), length (into the target's word range: trimming and
 * dropping side sentences for short targets, the situation, brief asks and background for long ones),
 * courtesy, urgency, tone and hedges, jargon or plain wording, register (openers, contractions,
 * text-speak, lowercase) and emoji. No typos: the clean text is spelled right, and typos are the
 * distractor's job (recorded as edits). Protected content (numbers, code, quoted text, URLs, emails)
 * comes out byte-identical; what the request asks for and its key words stay (a short target drops
 * side details, as a person writing briefly would). Deterministic for a given `rng` state.
 */
export function stylizeQuery(input: StylizeInput, rng: Rng): StylizeOutput {
  const traits = personaTraits(input.features);
  const query = input.query.trim();
  if (query === "")
    return { adapted_query: "", inferred_domain: "others", inferred_scenario: "others", applied: [] };
  const { domain, scenario } = classifyQuery(query);
  const { masked, parts } = maskSpans(query, REWRITE_SPANS);
  let requestWords: ReadonlySet<string> | undefined;
  const ctx: StyleContext = {
    traits,
    target: input.targetLength ?? traits.queryLength,
    register: traits.formality <= 1 ? "casual" : traits.formality >= 3 ? "formal" : "neutral",
    scenario,
    technical: TECHNICAL_DOMAINS.has(domain) || EXPERT_TERM.test(query),
    rng,
    applied: [],
    parts,
    partWords: new Map(),
    requestWords: () => {
      requestWords ??= requestWordsOf(masked);
      return requestWords;
    },
  };
  const groups =
    (input.promptType ?? "full") === "partial" ? pickGroups(ctx) : new Set<StyleGroup>(STYLE_GROUPS);

  let text = masked;
  for (const group of APPLY_ORDER) if (groups.has(group)) text = STEPS[group](text, ctx);
  const tidied = tidy(fitLength(text, ctx));
  // Nothing changed: at least an opener, so the rewrite is never the request itself.
  text = tidied === tidy(masked) ? tidy(addOpener(text, ctx, true)) : tidied;
  if (!ctx.applied.includes("lowercase")) text = capitalize(text);
  // Paraphrases and cuts change the word after an article ("an overview" → "an rundown", "a good
  // answer" → "a answer"): the grammar pass's article step fits it (the parts are still masked).
  text = fitArticles(text);
  return {
    adapted_query: unmask(text, parts),
    inferred_domain: domain,
    inferred_scenario: scenario,
    applied: ctx.applied,
  };
}

/** How much each group would change this request for this persona (partial mode ranks by it). */
function relevance(group: StyleGroup, ctx: StyleContext): number {
  const t = ctx.traits;
  switch (group) {
    case "phrasing":
    case "length":
      return 2;
    case "register":
      return [1, 0.6, 0.15, 0.6, 1][t.formality] ?? 0.15;
    case "politeness":
      return [0.5, 0.1, 0.6, 1][t.politeness] ?? 0.1;
    case "urgency":
      return [0.05, 0.05, 0.8, 1.2][t.urgency] ?? 0.05;
    case "tone":
      return t.tone === "anxious" || t.tone === "skeptical" ? 0.6 : TONE_MARKERS[t.tone] ? 0.35 : 0.1;
    case "expertise":
      return Math.abs(t.techLevel - 2) * (ctx.technical ? 0.5 : 0.1);
    case "emoji":
      return t.emojiUse >= 2 ? t.emojiUse * 0.35 : 0;
  }
}

/**
 * Phrasing and length (every rewrite restructures and meets its target length) and the one or two
 * most relevant other groups (ties and near-ties broken by the rng): 3–4 groups in all.
 */
function pickGroups(ctx: StyleContext): Set<StyleGroup> {
  const scored = STYLE_GROUPS.filter((g) => !ALWAYS.has(g))
    .map((g) => ({ g, score: relevance(g, ctx) + ctx.rng.next() * 0.2 }))
    .sort((a, b) => b.score - a.score);
  const k = ctx.rng.intBetween(1, 2);
  const chosen = scored.filter((s, i) => i < 1 || (i < k && s.score >= 0.3)).map((s) => s.g);
  return new Set([...ALWAYS, ...chosen]);
}

const ALWAYS: ReadonlySet<StyleGroup> = new Set(["phrasing", "length"]);

// Content-level changes first, courtesy wrapped around them, then surface style over everything
// (so added sentences get the same contractions and casing as the request).
const APPLY_ORDER: readonly StyleGroup[] = [
  "phrasing",
  "length",
  "expertise",
  "urgency",
  "tone",
  "politeness",
  "register",
  "emoji",
];
