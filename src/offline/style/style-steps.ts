import type { Rng } from "../../rng/random.js";
import type { Scenario } from "../../text/query-classifier.js";
import type { PersonaTraits, QueryLength } from "../traits/persona-traits.js";
import { addBackground, countWords, LENGTH_RANGES, shorten } from "./style-length.js";
import {
  ASKS,
  CASUAL_ASIDES,
  CLOSINGS,
  COURTESY_OPENERS,
  CRITICAL,
  EMOJI,
  NOVICE_NOTES,
  OPENERS,
  type Register,
  SCENARIO_SENTENCES,
  TONE_MARKERS,
  URGENCY,
} from "./style-phrases.js";
import { restructure } from "./style-restructure.js";
import {
  abbreviate,
  contract,
  expand,
  firstWord,
  gerund,
  IMPERATIVE_VERBS,
  lowercaseStarts,
  lowerFirstWord,
  requestIndex,
  rewordJargon,
  splitSentences,
  trimRequest,
  withoutFinalMark,
} from "./style-rules.js";

/**
 * The steps of the offline style transfer, one per group of traits. Each takes the masked request
 * and returns it rewritten, recording in `ctx.applied` what it did.
 */

/**
 * The groups of traits a rewrite can show. `phrasing` (the request put another way) and `length` (the
 * target's word range) apply to every rewrite; `partial` adds one or two of the others.
 */
export const STYLE_GROUPS = [
  "phrasing",
  "length",
  "politeness",
  "urgency",
  "tone",
  "expertise",
  "register",
  "emoji",
] as const;
/** One group of traits. */
export type StyleGroup = (typeof STYLE_GROUPS)[number];

/** The group each transformation name in `applied` belongs to. */
export const TRANSFORM_GROUP: Readonly<Record<string, StyleGroup>> = {
  reframe: "phrasing",
  reorder: "phrasing",
  paraphrase: "phrasing",
  trim: "length",
  background: "length",
  fit_length: "length",
  context: "length",
  situation: "length",
  answer_asks: "length",
  politeness: "politeness",
  closing: "politeness",
  courtesy: "politeness",
  bare_command: "politeness",
  urgency: "urgency",
  tone: "tone",
  direct: "tone",
  jargon: "expertise",
  plain_wording: "expertise",
  novice_note: "expertise",
  opener: "register",
  aside: "register",
  contractions: "register",
  expanded_contractions: "register",
  abbreviations: "register",
  lowercase: "register",
  emoji: "emoji",
};

/** What every step needs: the persona, the target, the request's scenario, the stream, the log. */
export interface StyleContext {
  traits: PersonaTraits;
  target: QueryLength;
  register: Register;
  scenario: Scenario;
  technical: boolean;
  rng: Rng;
  /** Transformations applied so far, in order. */
  applied: string[];
  /** The protected parts of the request (the text is masked): for counting words. */
  parts: readonly string[];
  /** Words in each part, by placeholder code, filled as {@link countWords} meets them. */
  partWords: Map<number, number>;
  /** The request's own content words, for telling its sentences from added ones (read on first use). */
  requestWords: () => ReadonlySet<string>;
  /** The sentence that asks, as the phrasing step left it (set by that step). */
  ask?: string | undefined;
}

type Step = (text: string, ctx: StyleContext) => string;

function applyLength(text: string, ctx: StyleContext): string {
  const { target, traits: t, rng } = ctx;
  if (target === "very_short" || target === "short") {
    // Room left for what the other steps add (urgency, "please", an emoji).
    const trimmed = shorten(
      trimRequest(text, target, t.formality >= 3),
      ctx,
      LENGTH_RANGES[target][1] - (target === "very_short" ? 2 : 6),
    );
    if (trimmed !== text) ctx.applied.push("trim");
    // A short request still has a sentence of what it is for: one background sentence.
    return target === "short" && countWords(trimmed, ctx) < 17 ? addBackground(trimmed, ctx, 17) : trimmed;
  }
  // A persona shows through how the request is put, never through a sentence saying who they are
  // ("For context, I'm a lead writer in government"): people rarely introduce themselves to a model.
  const [low] = LENGTH_RANGES[target];
  const aim = low + (target === "long" ? 12 : 7);
  let out = text;
  // Added sentences are joined by a space: their words add to the count.
  let words = countWords(out, ctx);
  const situation = SCENARIO_SENTENCES[t.scenario ?? ctx.scenario];
  if (situation !== undefined && words < aim) {
    const sentence = rng.pick(situation);
    out = rng.chance(0.5) ? then(out, sentence) : then(sentence, out);
    words += countWords(sentence, ctx);
    ctx.applied.push("situation");
  }
  const asks: string[] = [];
  if (t.explanationDepth >= 3) asks.push(rng.pick(ASKS.reasoning));
  else if (t.explanationDepth === 2) asks.push(rng.pick(ASKS.stepByStep));
  if (t.examples === "several" || t.examples === "first" || t.examples === "contrasting")
    asks.push(rng.pick(ASKS.examples));
  if (t.format === "bullets") asks.push(rng.pick(ASKS.bullets));
  if (t.format === "numbered_steps") asks.push(rng.pick(ASKS.steps));
  if (t.format === "table") asks.push(rng.pick(ASKS.table));
  if (t.citations >= 2) asks.push(rng.pick(ASKS.sources));
  if (t.detail >= 2) asks.push(rng.pick(ASKS.detail));
  if (t.followUp >= 2) asks.push(rng.pick(ASKS.followUp));
  if (asks.length > 0 && words < aim) {
    const added = rng.sample(asks, target === "long" ? 3 : 2).join(" ");
    out = then(out, added);
    words += countWords(added, ctx);
    ctx.applied.push("answer_asks");
  }
  return addBackground(out, ctx, aim, words);
}

/** Ends a sentence with `mark`, unless it already ends with a protected part that closes it. */
function endWith(body: string, mark: string): string {
  return /[\uF000-\uF8FF]$/u.test(body) ? body : `${body}${mark}`;
}

function applyPoliteness(text: string, ctx: StyleContext): string {
  const { traits: t, rng, register, target } = ctx;
  if (t.politeness === 0) {
    const bare = trimRequest(text, "short").replace(/\s*\b(?:thanks|thank you)(?: in advance)?[!.]?$/i, "");
    if (bare !== text && bare !== "") {
      ctx.applied.push("bare_command");
      return bare;
    }
    return text;
  }
  if (t.politeness < 2) return text;
  if (target === "very_short") {
    ctx.applied.push("politeness");
    return text.replace(/([.!?]*)$/, (m) => ` please${m}`);
  }
  const sentences = splitSentences(text);
  const i = requestIndex(sentences);
  const sentence = sentences[i] ?? "";
  const verb = firstWord(sentence);
  let polite = sentence;
  if (IMPERATIVE_VERBS.has(verb) && !/\bplease\b/i.test(sentence)) {
    const body = withoutFinalMark(lowerFirstWord(sentence));
    const rest = body.slice(verb.length);
    const forms =
      register === "formal"
        ? [`Could you please ${body}`, `Would you kindly ${body}`]
        : [`Could you please ${body}`, `Can you please ${body}`];
    forms.push(`Would you mind ${gerund(verb)}${rest}`);
    polite = endWith(rng.pick(forms), "?");
    if (register === "formal" && rng.chance(0.25))
      polite = endWith(`I would be grateful if you could ${body}`, ".");
  } else if (/^(?:can|could|would) you\b(?! please)/i.test(sentence)) {
    polite = sentence.replace(/^(\w+) you\b/i, "$1 you please");
  }
  sentences[i] = polite;
  let out = sentences.join(" ");
  if (polite !== sentence) ctx.applied.push("politeness");
  if (target !== "short" || t.politeness === 3) {
    out = then(out, rng.pick(CLOSINGS[register]));
    ctx.applied.push("closing");
  }
  if (t.politeness === 3 && target !== "short" && !GREETING.test(out)) {
    out = `${rng.pick(COURTESY_OPENERS[register])} ${out}`;
    ctx.applied.push("courtesy");
  }
  return out;
}

function applyUrgency(text: string, ctx: StyleContext): string {
  const { traits: t, rng, register, target } = ctx;
  if (t.urgency < 2) return text;
  ctx.applied.push("urgency");
  const bank = URGENCY[register];
  const prefix = labelled(text) ? undefined : bank.prefix;
  if (target === "very_short") {
    // One word: a very short message has no room for a sentence about the deadline.
    return rng.chance(0.5) && register !== "formal" && splitSentences(text).length === 1
      ? text.replace(/([.!?]*)$/, (m) => `${rng.pick(bank.inline)}${m}`)
      : prefix === undefined
        ? then(text, rng.pick(bank.tail))
        : `${rng.pick(prefix)} ${text}`;
  }
  if (target === "short") {
    const how = rng.int(3);
    if (how === 0 && prefix !== undefined) return `${rng.pick(prefix)} ${text}`;
    // "… asap?" only reads right on a one-sentence request; otherwise it would qualify a side remark.
    if (how === 1 && splitSentences(text).length === 1)
      return text.replace(/([.!?]*)$/, (m) => `${rng.pick(bank.inline)}${m}`);
    return then(text, rng.pick(bank.tail));
  }
  const sentence = t.urgency >= 3 ? rng.pick(CRITICAL[register]) : rng.pick(bank.sentence);
  return rng.chance(0.3) && !BACKGROUND.test(text) && !labelled(text)
    ? `${rng.pick(bank.prefix)} ${text} ${sentence}`
    : then(text, sentence);
}

// A label before a colon ("Urgent:", "Correct my French:", "two-year-old rescue dog:").
const LABEL = /(?:^|[,:]\s)[\p{L}\d'’ -]{2,32}:(?:\s|$)/u;

/**
 * True when the text's first sentence already has a label with a colon: a label prefix ("Urgent:",
 * "Quick question:") before it would stack two ("Urgent: two-year-old rescue dog: what …").
 */
function labelled(text: string): boolean {
  return LABEL.test(splitSentences(text)[0] ?? "");
}

/**
 * `next` said after `text`: a sentence that starts with a capital gets a full stop before it when
 * `text` ends without one ("… bugging me haha Many thanks" reads as "… haha. Many thanks").
 */
function then(text: string, next: string): string {
  const open = /^\p{Lu}/u.test(next) && !/[.!?…:;)\]"”]$|\p{Extended_Pictographic}$/u.test(text);
  return `${text}${open ? "." : ""} ${next}`;
}

const BACKGROUND =
  /^(?:for context|some context|a bit of background|bit of background|by way of background|i should mention|fyi)\b/i;
const GREETING = /^(?:hi|hello|hey|good (?:morning|afternoon|evening|day)|dear|i hope|hope)\b/i;
const QUESTION_START =
  /^(?:what|how|why|when|where|which|who|is|are|can|could|should|would|do|does|did|will)\b.*\?$/i;

function applyTone(text: string, ctx: StyleContext): string {
  const { traits: t, rng } = ctx;
  if (t.tone === "blunt" || t.tone === "direct" || t.tone === "concise") {
    // Only a hedge that opens a sentence is style; "someone who I think treats her badly" is content.
    const direct = text.replace(
      /(^|[.!?]\s+)(?:I think|I guess|maybe|perhaps),?\s+(\p{L})/gu,
      (_m, lead: string, next: string) => lead + next.toUpperCase(),
    );
    if (direct !== text) ctx.applied.push("direct");
    return direct;
  }
  if (ctx.target === "very_short") return text;
  const markers = TONE_MARKERS[t.tone] ?? (t.casualness >= 0.6 ? TONE_MARKERS.casual : undefined);
  if (markers === undefined || !rng.chance(ctx.target === "short" ? 0.5 : 0.8)) return text;
  const sentences = splitSentences(text);
  const options: Array<() => string> = [];
  const { greeting, question, sentence } = markers;
  if (greeting && !GREETING.test(text)) options.push(() => `${rng.pick(greeting)} ${text}`);
  if (sentence) options.push(() => then(text, rng.pick(sentence)));
  const q = sentences.findIndex((s) => QUESTION_START.test(s));
  if (question && q >= 0)
    options.push(() => {
      sentences[q] = `${rng.pick(question)} ${lowerFirstWord(sentences[q] ?? "")}`;
      return sentences.join(" ");
    });
  if (options.length === 0) return text;
  ctx.applied.push("tone");
  return rng.pick(options)();
}

function applyExpertise(text: string, ctx: StyleContext): string {
  const { traits: t, rng } = ctx;
  if (t.techLevel >= 3) {
    const out = rewordJargon(text, "expert");
    if (out !== text) ctx.applied.push("jargon");
    return out;
  }
  if (t.techLevel > 1) return text;
  let out = rewordJargon(text, "plain");
  if (out !== text) ctx.applied.push("plain_wording");
  if (ctx.technical && ctx.target !== "very_short" && ctx.target !== "short") {
    out = then(out, rng.pick(NOVICE_NOTES[ctx.register]));
    ctx.applied.push("novice_note");
  }
  return out;
}

/** Adds a greeting or opener for the register (`force`: even when the persona's odds say no). */
export function addOpener(text: string, ctx: StyleContext, force: boolean): string {
  const { traits: t, rng } = ctx;
  if (!force) {
    if (ctx.target === "very_short") return text;
    if (ctx.target === "short" && (ctx.register !== "casual" || !rng.chance(0.6))) return text;
    const p = [0.9, 0.7, 0.45, 0.85, 0.9][t.formality] ?? 0.5;
    if (!rng.chance(p)) return text;
    if (GREETING.test(text) || ctx.applied.includes("courtesy")) return text;
  }
  const tier = t.formality === 0 ? "very_casual" : t.formality === 4 ? "very_formal" : ctx.register;
  // "Quick question:" introduces the question itself, not a background sentence.
  const first = splitSentences(text)[0] ?? "";
  const openers = OPENERS[tier].filter((o) => o.join !== "colon" || (first.endsWith("?") && !labelled(text)));
  const opener = rng.pick(openers.length > 0 ? openers : OPENERS[tier]);
  ctx.applied.push("opener");
  if (opener.join === "comma") {
    // After the comma the request reads on in lower case; a first word that keeps its capital (a
    // name, "Searching", "Think") or a label ("Urgent:") starts a sentence of its own instead.
    const lowered = lowerFirstWord(text);
    const ownSentence =
      BACKGROUND.test(text) ||
      labelled(text) ||
      (/^\p{Lu}/u.test(lowered) && !/^I(?:['’]|\s|,|$)/.test(lowered));
    if (!ownSentence) return `${opener.text}, ${lowered}`;
    return `${opener.text}${ctx.register === "casual" ? "!" : "."} ${text}`;
  }
  if (opener.join === "colon") return `${opener.text}: ${text}`;
  return `${opener.text} ${text}`;
}

function applyRegister(text: string, ctx: StyleContext): string {
  const { traits: t, rng } = ctx;
  let out = addOpener(text, ctx, false);
  if (t.casualness >= 0.8 && ctx.target !== "very_short" && rng.chance(0.5)) {
    const mood = ["debugging", "troubleshooting"].includes(ctx.scenario)
      ? "stuck"
      : ["learning", "exam_prep"].includes(ctx.scenario)
        ? "learn"
        : "general";
    out = `${out.replace(/(?<!\.)\.$/, "")}. ${rng.pick(CASUAL_ASIDES[mood] ?? [])}`;
    ctx.applied.push("aside");
  }
  if (t.formality <= 1 || t.casualness >= 0.5) {
    const next = contract(out);
    if (next !== out) ctx.applied.push("contractions");
    out = next;
  } else if (t.formality >= 3) {
    const next = expand(out);
    if (next !== out) ctx.applied.push("expanded_contractions");
    out = next;
  }
  if (t.formality === 0 || t.casualness >= 0.8) {
    const next = abbreviate(out, rng, 0.6);
    if (next !== out) ctx.applied.push("abbreviations");
    out = next;
  }
  if (t.casualness >= 0.6) {
    const next = lowercaseStarts(out, t.casualness >= 0.8 ? "all" : "common");
    if (next !== out || /^\p{Ll}/u.test(next)) ctx.applied.push("lowercase");
    out = next;
    if (t.casualness >= 0.8) out = out.replace(/(?<!\.)\.$/, "");
  }
  return out;
}

function applyEmoji(text: string, ctx: StyleContext): string {
  const { traits: t, rng } = ctx;
  if (t.emojiUse < 2 || t.casualness < 0.35) return text;
  const count = t.emojiUse >= 3 ? (rng.chance(0.5) ? 2 : 1) : rng.chance(0.8) ? 1 : 0;
  if (count === 0) return text;
  const mood =
    t.urgency >= 2
      ? "rush"
      : ctx.scenario === "debugging" || ctx.scenario === "troubleshooting"
        ? "stuck"
        : ctx.scenario === "learning" || ctx.scenario === "exam_prep"
          ? "learn"
          : ctx.scenario === "brainstorming"
            ? "ideas"
            : ctx.scenario === "planning"
              ? "plan"
              : "general";
  const pool = [...(EMOJI[mood] ?? []), ...(EMOJI.general ?? [])];
  const picked = rng.sample(pool, count);
  ctx.applied.push("emoji");
  let out = `${text.replace(/(?<!\.)\.$/, "")} ${picked[0] ?? "🙂"}`;
  if (picked[1] !== undefined) {
    const sentences = splitSentences(out);
    if (sentences.length > 1) {
      sentences[0] = `${sentences[0]} ${picked[1]}`;
      out = sentences.join(" ");
    } else out = `${out}${picked[1]}`;
  }
  return out;
}

/** The step of each group. */
export const STEPS: Readonly<Record<StyleGroup, Step>> = {
  phrasing: restructure,
  length: applyLength,
  politeness: applyPoliteness,
  urgency: applyUrgency,
  tone: applyTone,
  expertise: applyExpertise,
  register: applyRegister,
  emoji: applyEmoji,
};
