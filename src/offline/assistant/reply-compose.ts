import type { RequestKind } from "../../text/request-analysis.js";
import { capitalize, restore } from "../../text/user-text.js";
import { introTopic } from "./intro-topic.js";
import { codeBlock } from "./reply-code.js";
import { type ReplyContext, say, sayFresh, sayNew, usable } from "./reply-context.js";
import { type Layout, renderItems, splitLabel } from "./reply-format.js";
import {
  CLOSINGS,
  ELABORATIONS,
  EXAMPLE_LINES,
  INTRO_ACTION,
  INTRO_NOUN,
  INTRO_PLAIN,
  INTRO_WHETHER,
  ITEMS,
  JARGON_POINTS,
  PLAIN_POINTS,
  SOURCE_LINES,
  WHY_LINES,
} from "./reply-templates.js";

const STEP_KINDS: ReadonlySet<RequestKind> = new Set(["howto", "fix", "plan", "calculate", "list"]);
const CODE_KINDS: ReadonlySet<RequestKind> = new Set([
  "write",
  "fix",
  "howto",
  "review",
  "general",
  "calculate",
]);

/** The opening sentence: about the topic when it reads well in the template, else topic-free. */
export function intro(ctx: ReplyContext, kind: RequestKind): string {
  const { analysis } = ctx;
  const topic = introTopic(ctx.slots.T ?? "", ctx.specifics.names);
  const fits = topic !== undefined && topic.length >= 3 && topic.length <= 90;
  const T = { T: topic ?? "" };
  if (fits && analysis.topicShape === "action") return sayFresh(ctx, INTRO_ACTION, T);
  if (fits && kind === "yesno" && analysis.topicShape === "clause") return sayFresh(ctx, INTRO_WHETHER, T);
  if (fits && analysis.topicShape === "noun" && ctx.rng.chance(0.8))
    return sayFresh(ctx, INTRO_NOUN[kind], T);
  return sayFresh(ctx, INTRO_PLAIN[kind]);
}

/** How many body points a reply of this length gets. */
function pointCount(ctx: ReplyContext): number {
  switch (ctx.cues.length) {
    case 0:
      return 2;
    case 2:
      return 5 + ctx.rng.int(2);
    default:
      return 3 + ctx.rng.int(2);
  }
}

/**
 * The body points, in their pool order, with the user's specific always among them when there is
 * one, and none this conversation has said before while the pool has others.
 */
export function bodyPoints(ctx: ReplyContext, kind: RequestKind, count: number): string[] {
  const pool = ITEMS[kind];
  const usableIdx: number[] = [];
  let specificIdx = -1;
  for (let i = 0; i < pool.length; i++) {
    const t = pool[i] as string;
    if (!usable(ctx, t)) continue;
    if (t.includes("{X}")) specificIdx = i;
    else usableIdx.push(i);
  }
  const want = specificIdx >= 0 ? count - 1 : count;
  const said = new Map<number, string>();
  // A plan keeps its phases in order from the first one; other kinds pick any points.
  const fixed = kind === "plan" ? usableIdx.slice(0, Math.min(3, want)) : [];
  for (const i of fixed) sayAt(ctx, pool, i, said);
  const repeated: number[] = [];
  for (const i of ctx.rng.shuffle(usableIdx.filter((i) => !fixed.includes(i)))) {
    if (said.size >= want) break;
    const text = say(ctx, pool[i] as string);
    if (ctx.said.addIfNew(text)) said.set(i, text);
    else repeated.push(i);
  }
  for (const i of repeated) if (said.size < want) sayAt(ctx, pool, i, said);
  // The user's own detail is always worth saying, unless every wording of it was said already.
  if (specificIdx >= 0) {
    for (let tries = 0; tries < 4; tries++) {
      const text = say(ctx, pool[specificIdx] as string);
      if (ctx.said.addIfNew(text)) {
        said.set(specificIdx, text);
        break;
      }
      if (said.size === 0) {
        sayAt(ctx, pool, specificIdx, said);
        break;
      }
    }
  }
  const chosen = [...said.keys()].sort((a, b) => a - b);
  const points = chosen.map((i) => said.get(i) as string);
  if (ctx.cues.length === 2) {
    for (let i = 0; i < points.length; i++) {
      if (ctx.rng.chance(0.6)) points[i] = `${points[i]} ${sayFresh(ctx, ELABORATIONS)}`;
    }
  }
  return points;
}

/** Says template `i` of `pool` (repeat or not), remembers it and keeps it in `said`. */
function sayAt(ctx: ReplyContext, pool: readonly string[], i: number, said: Map<number, string>): void {
  const text = say(ctx, pool[i] as string);
  ctx.said.add(text);
  said.set(i, text);
}

function layoutFor(ctx: ReplyContext, kind: RequestKind): Layout {
  const format = ctx.cues.format;
  if (format !== undefined) return format;
  return STEP_KINDS.has(kind) ? "numbered" : "bullets";
}

function compareTable(ctx: ReplyContext): string {
  const a = ctx.slots.A ?? "Option A";
  const b = ctx.slots.B ?? "Option B";
  const p = ctx.slots.P ?? "simplicity";
  const r = ctx.slots.R ?? "flexibility";
  // House style: some models name the first column, others leave it blank.
  return [
    `|${ctx.house % 2 === 1 ? " Aspect " : " "}| ${a} | ${b} |`,
    "| --- | --- | --- |",
    `| Best for | ${p} | ${r} |`,
    `| Trade-off | less ${r} | less ${p} |`,
    "| Effort to start | lower | higher |",
  ].join("\n");
}

const MESSAGE_DELIVERABLE =
  /\b(?:email|e-mail|letter|message|text|note|reply|memo|invitation|announcement)\b/;
const ABOUT = /\b(?:about|regarding|on)\s+(.+)$/i;
const ING =
  /\b((?:asking|requesting|announcing|apologi[sz]ing|thanking|explaining|inviting|celebrating|introducing|declining|accepting|giving|telling|following up)\b.*)$/i;
const FOR = /\bfor\s+(.+)$/i;

/** A short draft for a writing request, in the user's own voice (their pronouns kept). */
function draft(ctx: ReplyContext): string {
  const topic = restore(ctx.analysis.topic, ctx.request);
  const about = ABOUT.exec(topic)?.[1];
  const action = ING.exec(topic)?.[1];
  const target = FOR.exec(topic)?.[1];
  const opening =
    about !== undefined
      ? `A quick note about ${about}.`
      : action !== undefined
        ? `I'm ${action}.`
        : target !== undefined
          ? `This one is for ${target}.`
          : "Here's the short version.";
  const middle =
    ctx.slots.X !== undefined && !opening.includes(ctx.slots.X)
      ? `The key detail is ${ctx.slots.X}.`
      : ctx.rng.pick(["It matters, and I want to get it right.", "I'll keep it brief and to the point."]);
  const close = ctx.rng.pick([
    "Thanks for reading.",
    "Let me know what you think.",
    "Happy to talk it through.",
  ]);
  if (MESSAGE_DELIVERABLE.test(ctx.request.lower)) {
    return `> Hi [Name],\n>\n> ${opening} ${middle}\n>\n> ${close}\n>\n> Best,\n> [Your name]`;
  }
  return `> ${opening} ${middle} ${close}`;
}

const FILLER =
  /\b(?:incredibly|really|very|just|actually|basically|honestly|officially|truly|all of you|with all of you)\s/gi;
// A few slips a proofreader always catches.
const SLIPS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(\w+) \1\b/gi, "$1"],
  [/\b([Tt])heir (going|coming|doing|trying|not)\b/g, "$1hey're $2"],
  [/\b(later|more|less|better|rather|other|earlier|bigger|smaller) then\b/g, "$1 than"],
  [/\b(could|should|would) of\b/g, "$1 have"],
  [/\balot\b/g, "a lot"],
  [/ i /g, " I "],
];

/** A tightened version of quoted text (slips fixed, filler removed), or undefined when nothing changes. */
function tighten(quote: string): string | undefined {
  let out = quote;
  for (const [pattern, fix] of SLIPS) out = out.replace(pattern, fix);
  out = out.replace(FILLER, "").replace(/\s{2,}/g, " ");
  return out === quote ? undefined : out;
}

const PERCENT_OF = /(\d+(?:\.\d+)?)\s?%\s+of\s+([$€£]?)(\d[\d,]*(?:\.\d+)?)/;

function percentResult(raw: string): string | undefined {
  if (!raw.includes("%")) return undefined;
  const m = PERCENT_OF.exec(raw);
  if (m === null) return undefined;
  const pct = Number(m[1]);
  const base = Number((m[3] ?? "").replace(/,/g, ""));
  if (!Number.isFinite(pct) || !Number.isFinite(base)) return undefined;
  const value = Math.round(pct * base) / 100;
  return `**Result:** ${m[1]}% of ${m[2]}${m[3]} is ${m[2]}${value.toLocaleString("en-US")}.`;
}

/** A complete answer to a fresh request. */
export function composeFresh(ctx: ReplyContext, raw: string, extras: readonly string[]): string {
  const { analysis, cues, rng } = ctx;
  // A comparison without two named options ("should I upgrade now or wait?") reads as general advice.
  const kind: RequestKind =
    analysis.kind === "compare" && ctx.slots.A === undefined ? "general" : analysis.kind;
  const parts: string[] = [intro(ctx, kind)];
  const wantsCode =
    analysis.coding && cues.code !== false && (CODE_KINDS.has(kind) || cues.code === true || cues.examples);
  let count = pointCount(ctx);
  if (wantsCode) {
    parts.push(
      codeBlock({
        language: analysis.language ?? cues.language,
        purpose: kind === "fix" ? "fix" : "write",
        topicLower: analysis.topic.toLowerCase(),
        lower: ctx.request.lower,
        summary: capitalize(restore(analysis.topic, ctx.request)).replace(/["\\]/g, "'"),
        number: ctx.specifics.numbers.find((n) => /^\d{1,6}\b/.test(n))?.match(/^\d+/)?.[0],
        name: ctx.specifics.names[0],
      }),
    );
    count = Math.max(2, count - 1);
  } else if (kind === "write") {
    parts.push(
      draft(ctx),
      cues.register === "formal"
        ? "**Notes:**"
        : rng.pick(["**Why it works:**", "**Notes:**", "**Rationale:**"]),
    );
    count = Math.max(2, count - 1);
  } else if (kind === "translate") {
    const language = /\b(?:into|to|in)\s+([A-Z][a-z]+)/.exec(raw)?.[1] ?? "the target language";
    parts.push(`> [${language} translation of ${ctx.specifics.quotes[0] ?? `“${ctx.slots.T}”`}]`);
  } else if (kind === "review") {
    const quote = ctx.specifics.quotes[0];
    const tighter = quote === undefined ? undefined : tighten(quote);
    if (quote !== undefined)
      parts.push(
        tighter === undefined
          ? `**Original:** ${quote}`
          : `**Original:** ${quote}\n\n**Revised:** ${tighter}`,
      );
  } else if (kind === "calculate") {
    const result = percentResult(raw);
    if (result !== undefined) parts.push(result);
  }

  const layout = layoutFor(ctx, kind);
  let points = bodyPoints(ctx, kind, count);
  if (!cues.plain && ctx.slots.J !== undefined && (cues.technical ? rng.chance(0.8) : rng.chance(0.3))) {
    points.push(sayFresh(ctx, JARGON_POINTS));
  } else if (cues.plain && rng.chance(0.6)) {
    points.push(sayFresh(ctx, PLAIN_POINTS));
  }
  if (ctx.house % 2 === 1 && layout !== "table") {
    points = points.map((p) => {
      const [label, text] = splitLabel(p);
      return label === undefined ? p : `${label}: ${text}`;
    });
  }
  // The headline is the first point: the list goes on from the next one rather than saying it again.
  if (cues.answerFirst && points.length > 1) {
    const label = rng.pick(["TL;DR", "In short", "Short answer", "Bottom line"]);
    parts.splice(1, 0, `**${label}:** ${splitLabel(points[0] as string)[1]}`);
    points = points.slice(1);
  }
  if (
    kind === "compare" &&
    (layout === "table" || (ctx.slots.A !== undefined && cues.format === undefined && rng.chance(0.3)))
  ) {
    parts.push(ctx.slots.A === undefined ? renderItems(points, "table") : compareTable(ctx));
    if (ctx.slots.A !== undefined) {
      const tail = ITEMS.compare.slice(4);
      // The body points already hold the user's detail when this conversation has not said it yet.
      const x = ctx.slots.X;
      const detail = x === undefined ? undefined : points.find((p) => p.includes(x));
      parts.push(
        detail ??
          sayFresh(
            ctx,
            tail.filter((t) => !t.includes("{X}")),
          ),
      );
    }
  } else {
    parts.push(renderItems(points, layout));
  }
  // The optional lines: left out rather than said twice in a conversation.
  const optional: Array<string | undefined> = [];
  if (cues.examples) optional.push(sayNew(ctx, EXAMPLE_LINES));
  if (cues.length === 2 && kind !== "write") optional.push(sayNew(ctx, WHY_LINES));
  if (cues.citations) optional.push(sayNew(ctx, SOURCE_LINES));
  for (const line of optional) if (line !== undefined) parts.push(line);
  for (const extra of extras) parts.push(extra);
  const closing = cues.length > 0 || rng.chance(0.5) ? sayNew(ctx, CLOSINGS[kind]) : undefined;
  if (closing !== undefined) parts.push(closing);
  return parts.join("\n\n");
}
