import type { Rng } from "../../rng/random.js";
import { glossOf, type JargonField, termsOf } from "../../text/jargon.js";
import { analyzeRequest, headPhrase, type RequestAnalysis } from "../../text/request-analysis.js";
import { isPleasantry } from "../../text/request-opening.js";
import { restore, type Specifics, specificsOf, toSecondPerson, type UserText } from "../../text/user-text.js";
import { isStockSubject } from "../request-subject.js";
import { midSentencePhrase, readsAsNounPhrase } from "./intro-topic.js";
import { numberPhrase } from "./number-phrase.js";
import { compile, type Phrase, render, requiredChoices, requiredSlots } from "./phrase-expand.js";
import { withVariants } from "./phrase-variants.js";
import type { ReplyCues } from "./reply-cues.js";
import { formalize } from "./reply-format.js";
import * as TEMPLATES from "./reply-templates.js";
import { SaidMemory } from "./said-memory.js";

/** Everything the offline assistant knows while it writes one reply. */
export interface ReplyContext {
  rng: Rng;
  cues: ReplyCues;
  /** The request the conversation is about (the first user message). */
  request: UserText;
  analysis: RequestAnalysis;
  specifics: Specifics;
  field: JargonField;
  /** Template slots (see `reply-templates.ts`). */
  slots: Record<string, string>;
  /** Stable per model: lets two pool models write in slightly different house styles. */
  house: number;
  /** What this conversation's assistant turns (and this reply so far) have said: not said again. */
  said: SaidMemory;
}

/**
 * What a request alone decides (no randomness, no cues): its analysis, its specifics and the template
 * slots cut from it. A pure function of the request, so a conversation reads its first message once
 * (see `offlineAssistantReply`'s memo) and every later turn reuses it.
 */
export interface RequestFacts {
  request: UserText;
  analysis: RequestAnalysis;
  specifics: Specifics;
  /** The slots that do not depend on the rng (`T`, `S`, `K`, `X`, `D`, `M`, `a`, `b`, `A`, `B`). */
  slots: Readonly<Record<string, string>>;
}

/**
 * Reads a request (already read with `readUserText`) into its {@link RequestFacts}; `analysis` is its
 * `analyzeRequest` when the caller has it.
 */
export function requestFacts(request: UserText, analysis = analyzeRequest(request)): RequestFacts {
  const specifics = specificsOf(request);
  const slots: Record<string, string> = {};
  const topic = restore(toSecondPerson(analysis.topic), request).trim();
  slots.T = topic;
  // The head noun of the topic, else of the message's first sentence ("My Flask app crashes …").
  const found = headPhrase(analysis.topic) ?? headPhrase(firstSentence(request.masked));
  const plain = restore(request.masked, request);
  const head =
    found === undefined ||
    JOINED.test(found) ||
    isStockSubject(found) ||
    !readsAsNounPhrase(restore(found, request))
      ? undefined
      : withKind(found, request.masked);
  // Without a head phrase, the first thing the request names stands in for it.
  const first = head === undefined ? nounPhrase(request, undefined) : undefined;
  const named = first !== undefined && readsAsNounPhrase(first.said) ? first.said : PLACEHOLDER_S;
  slots.S = midSentencePhrase(head !== undefined ? restore(toSecondPerson(head), request) : named);
  const second = nounPhrase(request, head ?? first?.phrase);
  if (second !== undefined && readsAsNounPhrase(second.said))
    slots.K = midSentencePhrase(withKind(second.said, plain) ?? second.said);
  const specific = pickSpecific(request, specifics, analysis.kind === "fix");
  if (specific !== undefined) slots.X = specific;
  if (specifics.durations[0] !== undefined) slots.D = specifics.durations[0];
  if (specifics.money[0] !== undefined) slots.M = specifics.money[0];
  if (analysis.kind === "compare") {
    const options = compareOptions(analysis.topic);
    if (options !== undefined) {
      slots.a = restore(toSecondPerson(options[0]), request);
      slots.b = restore(toSecondPerson(options[1]), request);
      slots.A = capitalizeOption(slots.a);
      slots.B = capitalizeOption(slots.b);
    }
  }
  return { request, analysis, specifics, slots };
}

/**
 * A head cut before "of" with its kind said back when one bare word names it ("a power" → "a power
 * of attorney", "a matter" → "a matter of style"): "a power" alone names nothing the user asked about.
 */
function withKind(head: string | undefined, text: string): string | undefined {
  if (head === undefined || !/^an? \S+$/i.test(head)) return head;
  const at = text.indexOf(head);
  const kind =
    /^ of [\p{L}'’-]+(?=[,.;:?!]|\s+(?:and|or|is|are|was|were|has|have|does|do|can|will|would|should)\b|$)/u.exec(
      text.slice(at + head.length),
    );
  return at < 0 || kind === null ? head : head + kind[0];
}

/** What `{S}` says when the request names nothing: it fills a template, never an optional clause. */
const PLACEHOLDER_S = "this";
// A phrase cut across a join ("the and what"): not a thing the user named.
const JOINED = /\b(?:and|or|but|what|how|why|which|who|when|where)\b/i;
const DELIVERED: ReadonlySet<string> = new Set(["write", "review", "translate", "summarize", "calculate"]);
// A topic that only points back ("tailor this to a writer", "the and what to avoid").
const POINTS_BACK = /\b(?:this|that|it|these|those)\b|\b(?:and|or)\s+(?:what|how|why)\b/i;

/**
 * The facts of a follow-up that asks something new, grounded in the conversation's first request
 * where the follow-up itself names nothing ("could you tailor this to a writer?"): its topic, head
 * phrase and details come from the first request when its own only point back, and its kind from the
 * first request when its own is no more than "general".
 */
export function groundedFollowUp(latest: RequestFacts, first: RequestFacts): RequestFacts {
  const topic = latest.slots.T ?? "";
  const named = topic.split(/\s+/).filter((w) => w.length >= 4).length >= 2 && !POINTS_BACK.test(topic);
  if (named && latest.slots.S !== PLACEHOLDER_S) return latest;
  // A draft, a review or a translation is delivered once: asked again, the answer is advice.
  const kind =
    latest.analysis.kind !== "general"
      ? latest.analysis.kind
      : DELIVERED.has(first.analysis.kind)
        ? "general"
        : first.analysis.kind;
  if (named)
    return { ...latest, slots: { ...first.slots, ...latest.slots, S: first.slots.S ?? PLACEHOLDER_S } };
  return { ...first, analysis: { ...first.analysis, kind }, slots: { ...first.slots } };
}

/**
 * A reply context for a request (already read with `readUserText`), or for its facts when they were
 * read before: the same context either way, and the same draws from `rng`.
 */
export function replyContext(
  request: UserText | RequestFacts,
  cues: ReplyCues,
  rng: Rng,
  house: number,
  said: SaidMemory = SaidMemory.of([]),
): ReplyContext {
  const facts = "analysis" in request ? request : requestFacts(request);
  const { analysis, specifics } = facts;
  const field = analysis.field;
  const slots: Record<string, string> = { ...facts.slots };
  if (!cues.plain) {
    const [term, gloss] = rng.pick(termsOf(field));
    slots.J = term;
    slots.G = gloss;
  }
  if (analysis.kind === "compare") {
    const [p, r] = rng.sample(TEMPLATES.QUALITIES, 2);
    slots.P = p ?? "simplicity";
    slots.R = r ?? "flexibility";
  }
  return { rng, cues, request: facts.request, analysis, specifics, field, slots, house, said };
}

const POINTER = /^(?:this|these|those)\b/i;
const DETERMINER = /\b(?:a|an|the|my|your|our|this|these|those|his|her|their)\s/i;
const CLAUSE_BREAK = /[,.;:?!\n]|\s(?:and|but|or|so|because|while)\s/;

/**
 * A thing the request names besides `taken` (its head phrase): "a retail space" beside "a
 * commercial lease", as cut (`phrase`) and as said back in the user's own words (second person), so
 * a reply is about this request and not any request of its kind.
 */
function nounPhrase(
  request: UserText,
  taken: string | undefined,
): { phrase: string; said: string } | undefined {
  const lowerTaken = taken?.toLowerCase();
  for (const clause of request.masked.split(CLAUSE_BREAK)) {
    // headPhrase needs a determiner; most clauses have none, and the test is cheap.
    if (!DETERMINER.test(clause) || isPleasantry(clause)) continue;
    const phrase = headPhrase(clause);
    // Short and naming a thing: "this asap" points elsewhere, "your printer shows as offline" is a clause.
    if (
      phrase === undefined ||
      phrase.split(" ").length > 4 ||
      JOINED.test(phrase) ||
      POINTER.test(phrase) ||
      isStockSubject(phrase)
    )
      continue;
    const lower = phrase.toLowerCase();
    if (lowerTaken !== undefined && (lowerTaken.includes(lower) || lower.includes(lowerTaken))) continue;
    return { phrase, said: restore(toSecondPerson(phrase), request) };
  }
  return undefined;
}

/** The message's first sentence that is more than a greeting ("Hope all is well!"). */
function firstSentence(masked: string): string {
  let rest = masked;
  for (;;) {
    const end = rest.search(/[.?!](?:\s|$)/);
    if (end < 0) return rest;
    if (!isPleasantry(rest.slice(0, end))) return rest.slice(0, end);
    rest = rest.slice(end + 1);
  }
}

/**
 * The one detail worth repeating: an error quote for a fix, else a number with what it counts, a
 * name, a short quote.
 */
function pickSpecific(request: UserText, s: Specifics, preferQuote: boolean): string | undefined {
  const shortQuote = s.quotes.find((q) => q.length <= 100);
  if (preferQuote && shortQuote !== undefined) return shortQuote;
  for (const n of s.numbers) {
    const phrase = numberPhrase(request, n);
    if (phrase !== undefined) return phrase;
  }
  return s.names[0] ?? shortQuote ?? s.code[0];
}

const BETWEEN = /\bbetween\s+(.+?)\s+and\s+(.+)$/i;
const VERSUS = /^(.+?)\s+(?:vs\.?|versus)\s+(.+)$/i;
const OR = /^(?:(?:i|you|we)\s+\w+\s+)?(.+?)\s+or\s+(.+)$/i;
const AND = /^(.+?)\s+(?:and|with|to)\s+(.+)$/i;
const NOT_AN_OPTION = /^(?:i|you|we|they|it|he|she|wait|not|no)\b/i;
const RIGHT_END = /\s(?:for|in|when|if|on|at|because|so|while)\s|[,?.]/;
const LEFT_START =
  /^(?:the\s+)?(?:pros and cons|advantages and disadvantages|difference|differences)\s+(?:of|between)\s+/i;

/** The two options a comparison weighs, cut from its topic, or undefined. */
function compareOptions(topic: string): [string, string] | undefined {
  const m = BETWEEN.exec(topic) ?? VERSUS.exec(topic) ?? OR.exec(topic) ?? AND.exec(topic);
  if (m === null) return undefined;
  const left = (m[1] ?? "").replace(LEFT_START, "").trim();
  let right = m[2] ?? "";
  const end = RIGHT_END.exec(right);
  if (end !== null) right = right.slice(0, end.index);
  right = right.trim();
  if (left === "" || right === "" || left.split(" ").length > 7 || right.split(" ").length > 7)
    return undefined;
  // "you upgrade from X to Y, or wait" is not a choice between two named options.
  if (NOT_AN_OPTION.test(left) || NOT_AN_OPTION.test(right)) return undefined;
  return [left, right];
}

function capitalizeOption(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}

/** A template as the reply says it: its plain and formal wording (variants as alternations), its needs. */
interface Wording {
  plain: Phrase;
  formal: Phrase;
  /** The slots it needs (see `requiredSlots`). */
  needs: string;
  /** Its alternations of which one option must be drawable (see `requiredChoices`); mostly none. */
  choices: readonly string[][];
}

function wordingOf(template: string): Wording {
  return {
    plain: compile(withVariants(template)),
    formal: compile(withVariants(formalize(template))),
    needs: requiredSlots(template),
    choices: requiredChoices(template),
  };
}

// The wording of every template of the phrase pools, worked out once when the module loads
// (formalize runs four regular expressions and the variants one more; a reply says a dozen templates).
const WORDINGS: ReadonlyMap<string, Wording> = (() => {
  const wordings = new Map<string, Wording>();
  const walk = (value: unknown): void => {
    if (typeof value === "string") wordings.set(value, wordingOf(value));
    else if (Array.isArray(value)) for (const v of value) walk(v);
    else if (typeof value === "object" && value !== null) for (const v of Object.values(value)) walk(v);
  };
  walk(Object.values(TEMPLATES));
  return wordings;
})();

function wording(template: string): Wording {
  return WORDINGS.get(template) ?? wordingOf(template);
}

/**
 * A template in the reply's register, one option of each alternation drawn (see `phrase-expand.ts`)
 * and its slots filled from the context, or from `extra` first.
 */
export function say(ctx: ReplyContext, template: string, extra?: Readonly<Record<string, string>>): string {
  const slots = extra === undefined ? ctx.slots : { ...ctx.slots, ...extra };
  const w = wording(template);
  const worded = ctx.cues.register === "formal" ? w.formal : w.plain;
  return tidy(render(worded, ctx.rng, slots, slots.S === PLACEHOLDER_S ? "S" : ""));
}

// What an empty option can leave: a double space, a space before punctuation, a lower-case start.
const SEAM = / {2}| [,.;:?!]/;
function tidy(text: string): string {
  const out = SEAM.test(text) ? text.replace(/ {2,}/g, " ").replace(/ ([,.;:?!])/g, "$1") : text;
  const first = out.charCodeAt(0);
  return first >= 97 && first <= 122 ? out[0]!.toUpperCase() + out.slice(1) : out;
}

function hasAll(w: Wording, ctx: ReplyContext, extra?: Readonly<Record<string, string>>): boolean {
  const { needs, choices } = w;
  // Slot names are single ASCII letters: indexing reads them without a string iterator.
  for (let i = 0; i < needs.length; i++) {
    const key = needs[i] as string;
    if (extra?.[key] === undefined && ctx.slots[key] === undefined) return false;
  }
  for (const choice of choices) if (!choice.some((n) => drawable(n, ctx, extra))) return false;
  return true;
}

/** True when an option needing `needs` can be drawn: each slot has a value, the placeholder `{S}` none. */
function drawable(needs: string, ctx: ReplyContext, extra?: Readonly<Record<string, string>>): boolean {
  for (let i = 0; i < needs.length; i++) {
    const key = needs[i] as string;
    const value = extra?.[key] ?? ctx.slots[key];
    if (value === undefined || (key === "S" && value === PLACEHOLDER_S)) return false;
  }
  return true;
}

/** True when every slot the template needs (outside its alternations) has a value. */
export function usable(ctx: ReplyContext, template: string): boolean {
  return hasAll(wording(template), ctx);
}

/**
 * One usable template of a pool said (see {@link say}) whose sentences this conversation has not said
 * yet, remembered so it is not said again; undefined when every usable one was said before (or none
 * is usable). For an optional line: better none than a repeat.
 */
export function sayNew(
  ctx: ReplyContext,
  pool: readonly string[],
  extra?: Readonly<Record<string, string>>,
): string | undefined {
  // Candidates in a drawn order: from a drawn start, around the pool.
  const n = pool.length;
  const start = ctx.rng.int(n);
  for (let k = 0; k < n; k++) {
    const template = pool[(start + k) % n] as string;
    if (!hasAll(wording(template), ctx, extra)) continue;
    const text = say(ctx, template, extra);
    if (ctx.said.addIfNew(text)) return text;
  }
  return undefined;
}

/**
 * One template of a pool said, as {@link sayNew}, or when every usable one was said before, one of
 * them anyway (any template, when none is usable: the pools always hold a slot-free one).
 */
export function sayFresh(
  ctx: ReplyContext,
  pool: readonly string[],
  extra?: Readonly<Record<string, string>>,
): string {
  const fresh = sayNew(ctx, pool, extra);
  if (fresh !== undefined) return fresh;
  const usableOnes = pool.filter((t) => hasAll(wording(t), ctx, extra));
  const text = say(ctx, ctx.rng.pick(usableOnes.length > 0 ? usableOnes : pool), extra);
  ctx.said.add(text);
  return text;
}

/** The plain-words gloss of a term, or a generic one. */
export function glossFor(term: string): string {
  return (
    glossOf(term) ?? "the name for one specific piece of the problem, the part the other steps depend on"
  );
}
