import { itemGist, type ReplyView } from "../../text/reply-view.js";
import { capitalize, restore, specificsOf, toSecondPerson, type UserText } from "../../text/user-text.js";
import { readFollowUp } from "./followup-kind.js";
import { numberPhrase } from "./number-phrase.js";
import { codeBlock } from "./reply-code.js";
import { bodyPoints } from "./reply-compose.js";
import { glossFor, type ReplyContext, sayFresh, sayNew } from "./reply-context.js";
import { type Layout, renderItems } from "./reply-format.js";
import { CLOSINGS, ELABORATIONS, FOLLOWUP, WHY_LINES } from "./reply-templates.js";

const SITUATION =
  /\b(?:i'?m an?|i am an?|as an?|for an?|for my|for our|we'?re an?|in my|in our|i work (?:in|at|as|for))\s+([^.?!,;]{3,60})/i;
// "how would this apply to a student?", "tailor this to a writer": the situation is the person named.
const PERSON =
  /\b(?:apply to|apply for|tailor (?:this|it) to|look like for|change for|work for)\s+((?:an?|someone)\s+[^.?!,;]{3,60})/i;
const CODE_FENCE = /```[\s\S]*?```/;
// What closes a sentence, not the person: "I'm a designer in logistics too".
const WHO_TAIL = /\s+(?:too|as well|also|though|btw|lol|haha)$/i;

/** The person or situation the user named, without a sentence adverb after it. */
function trimmedWho(phrase: string): string {
  return phrase.trim().replace(WHO_TAIL, "");
}

const ITEM_WORDS = new Set(["step", "point", "item", "number", "phase", "#"]);

/** True when `n` follows "step", "point", … in the message (it names an item, not a detail). */
function namesAnItem(message: string, n: string): boolean {
  for (let at = message.indexOf(n); at >= 0; at = message.indexOf(n, at + 1)) {
    const before = /([a-z#]+)\s*$/i.exec(message.slice(Math.max(0, at - 10), at))?.[1]?.toLowerCase();
    if (before !== undefined && ITEM_WORDS.has(before)) return true;
  }
  return false;
}

function layoutOf(ctx: ReplyContext, fallback: Layout): Layout {
  return ctx.cues.format ?? fallback;
}

/** A closing offer, or none when this conversation has made every one already. */
function closing(ctx: ReplyContext): string[] {
  const line = sayNew(ctx, CLOSINGS[ctx.analysis.kind]);
  return line === undefined ? [] : [line];
}

/** `count` distinct lines of a pool, each said fresh (see `sayFresh`). */
function freshLines(
  ctx: ReplyContext,
  pool: readonly string[],
  count: number,
  extra?: Readonly<Record<string, string>>,
): string[] {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(sayFresh(ctx, pool, extra));
  return lines;
}

/** The gist of item `i` of the view ("" when it has none), undefined past the last item. */
function gistAt(view: ReplyView, i: number): string | undefined {
  return i < view.items.length ? (itemGist(view, i) ?? "") : undefined;
}

/** The user's own detail in a follow-up: a number (not "step 3"), else a name, else a quote. */
function detailOf(latest: string, latestText: UserText): string | undefined {
  const specific = specificsOf(latestText);
  // "step 3" names an item of the previous answer, not a detail of the user's situation.
  for (const n of specific.numbers) {
    const phrase = namesAnItem(latest, n) ? undefined : numberPhrase(latestText, n);
    if (phrase !== undefined) return phrase;
  }
  return specific.names[0] ?? specific.quotes[0];
}

/** What to call an item of the previous answer: "step 2" for steps, "point 2" for bullets. */
function itemName(view: ReplyView, index: number): string {
  return `${view.numbered ? "step" : "point"} ${index + 1}`;
}

/**
 * An answer to a follow-up, in the context of the previous answer: it names the step asked about,
 * defines the term, reformats or shortens the previous list, or adapts it to the user's situation.
 * Undefined for a message that is a new request of its own.
 */
export function composeFollowUp(
  ctx: ReplyContext,
  latest: string,
  latestText: UserText,
  previous: string,
  view: ReplyView,
): string | undefined {
  const fu = readFollowUp(latest.toLowerCase(), latest, view.items.length);
  if (fu.kind === "new") return undefined;
  const { rng } = ctx;
  const formal = ctx.cues.register === "formal";
  // The previous items' gists and the user's own detail are read only by the answers that use them.
  const subject = { S: /^(?:your|the)\b/.test(ctx.slots.S ?? "") ? (ctx.slots.S as string) : "it" };
  const parts: string[] = [];
  switch (fu.kind) {
    case "thanks":
      return sayFresh(ctx, formal ? FOLLOWUP.thanks_formal : FOLLOWUP.thanks, subject);
    case "giveup":
      return sayFresh(ctx, formal ? FOLLOWUP.giveup_formal : FOLLOWUP.giveup, subject);
    case "pushback": {
      parts.push(
        formal
          ? "You are right, and I apologise for the error. Here is the corrected version."
          : sayFresh(ctx, FOLLOWUP.pushback),
      );
      const at = fu.index ?? 0;
      const detail = detailOf(latest, latestText);
      const fixedFirst = `${capitalize(gistAt(view, at) ?? "The first step")}, but check ${detail ?? "the exact details of your setup"} first; I skipped that before.`;
      const rest = view.items.filter((_, i) => i !== at).slice(0, ctx.cues.length === 0 ? 1 : 3);
      parts.push(renderItems([fixedFirst, ...rest], layoutOf(ctx, view.numbered ? "numbered" : "bullets")));
      if (fu.index !== undefined) parts.push(`That replaces ${itemName(view, at)} of the previous list.`);
      parts.push(
        formal
          ? "Please let me know whether this matches what you are seeing."
          : sayFresh(ctx, FOLLOWUP.pushback_closers),
      );
      break;
    }
    case "clarify": {
      const term = fu.term ?? "that";
      parts.push(`Good question. "${term}" means ${glossFor(term)}.`);
      const topicFits =
        ctx.slots.T !== undefined && ctx.slots.T.length <= 90 && ctx.analysis.topicShape !== "clause";
      const topic = ctx.analysis.topicShape === "action" ? `how to ${ctx.slots.T}` : ctx.slots.T;
      const context = FOLLOWUP.clarify_context;
      parts.push(
        topicFits && topic !== undefined
          ? sayFresh(ctx, context, { T: topic })
          : sayFresh(
              ctx,
              context.filter((t) => !t.includes("{T}")),
            ),
      );
      if (ctx.cues.plain || rng.chance(0.5))
        // The analogy reads inside the sentence: "like a recipe", not "like A recipe".
        parts.push(
          `Think of it like ${sayFresh(ctx, FOLLOWUP.analogies).replace(/^[A-Z](?=[a-z ])/, (c) => c.toLowerCase())}.`,
        );
      parts.push(sayFresh(ctx, FOLLOWUP.clarify_closers));
      break;
    }
    case "step": {
      const at = fu.index ?? 0;
      const gist = gistAt(view, at);
      parts.push(
        `${rng.pick(formal ? ["Certainly.", "Of course."] : ["Sure.", "Of course.", "Right.", "Okay."])} ${capitalize(itemName(view, at))} was "${gist}"; ${sayFresh(ctx, FOLLOWUP.step_openers).replace(/^\p{Lu}(?!\p{Lu})/u, (c) => c.toLowerCase())}:`,
      );
      const count = ctx.cues.length === 0 ? 2 : 3;
      const steps = freshLines(ctx, FOLLOWUP.sub_steps, count, gist ? { I: gist } : undefined);
      parts.push(renderItems(steps, "numbered"));
      if (ctx.cues.length === 2) parts.push(sayFresh(ctx, ELABORATIONS));
      parts.push(...closing(ctx));
      break;
    }
    case "shorter": {
      const code = CODE_FENCE.exec(previous)?.[0];
      if (code !== undefined) {
        parts.push(formal ? "Here is the code on its own:" : "Here's just the code:", code);
      } else {
        parts.push(sayFresh(ctx, FOLLOWUP.shorter_openers));
        const short: string[] = [];
        for (let i = 0; i < view.items.length && short.length < 2; i++) {
          const gist = gistAt(view, i) as string;
          if (gist !== "") short.push(gist);
        }
        parts.push(renderItems(short.length > 0 ? short : bodyPoints(ctx, ctx.analysis.kind, 2), "bullets"));
      }
      break;
    }
    case "reformat": {
      const layout = layoutOf(ctx, "numbered");
      const name =
        layout === "table"
          ? "a table"
          : layout === "checklist"
            ? "a checklist"
            : layout === "numbered"
              ? "numbered steps"
              : "bullet points";
      const items = view.items.length > 0 ? view.items : bodyPoints(ctx, ctx.analysis.kind, 4);
      parts.push(`Here's the previous list as ${name}:`, renderItems(items, layout));
      break;
    }
    case "example": {
      parts.push(sayFresh(ctx, FOLLOWUP.example_openers));
      if (ctx.analysis.coding && ctx.cues.code !== false) {
        parts.push(
          codeBlock({
            language: ctx.analysis.language ?? ctx.cues.language,
            purpose: "write",
            topicLower: ctx.analysis.topic.toLowerCase(),
            lower: ctx.request.lower,
            summary: "Example",
            number: undefined,
            name: undefined,
          }),
        );
      } else {
        const detail = detailOf(latest, latestText) ?? ctx.slots.X;
        const steps = {
          F: (gistAt(view, 0) || "start with the basics").toLowerCase(),
          L: (gistAt(view, 1) || "check the result").toLowerCase(),
          ...(detail === undefined ? {} : { X: detail }),
        };
        parts.push(
          `${sayFresh(ctx, FOLLOWUP.example_cases, steps)} ${sayFresh(ctx, FOLLOWUP.example_closers)}`,
        );
      }
      parts.push(...closing(ctx));
      break;
    }
    case "deeper": {
      parts.push(sayFresh(ctx, FOLLOWUP.deeper_openers));
      // Each earlier point named by its gist and taken one level further (not said again whole).
      const items =
        view.items.length > 0
          ? view.items.map((_, i) => {
              const gist = gistAt(view, i) || `Point ${i + 1}`;
              return `**${capitalize(gist)}:** ${capitalize(sayFresh(ctx, FOLLOWUP.deeper_points))}.`;
            })
          : bodyPoints(ctx, ctx.analysis.kind, 4).map((item) => `${item} ${sayFresh(ctx, ELABORATIONS)}`);
      parts.push(renderItems(items, layoutOf(ctx, view.numbered ? "numbered" : "bullets")));
      parts.push(sayFresh(ctx, WHY_LINES));
      parts.push(...closing(ctx));
      break;
    }
    case "apply": {
      const person = PERSON.exec(latestText.masked)?.[1];
      const situation = person === undefined ? SITUATION.exec(latestText.masked)?.[1] : undefined;
      const said =
        person !== undefined
          ? restore(trimmedWho(person), latestText)
          : situation === undefined
            ? undefined
            : restore(toSecondPerson(trimmedWho(situation)), latestText);
      const who = said === undefined ? undefined : { N: said };
      parts.push(
        sayFresh(ctx, who === undefined ? FOLLOWUP.apply_openers_plain : FOLLOWUP.apply_openers, who),
      );
      const adapt = freshLines(ctx, FOLLOWUP.adaptations, 3, who);
      const items = adapt.map((a, i) => `**${capitalize(gistAt(view, i) ?? `Point ${i + 1}`)}:** ${a}.`);
      const detail = detailOf(latest, latestText);
      if (detail !== undefined) items.push(`**With ${detail}:** ${sayFresh(ctx, FOLLOWUP.apply_details)}.`);
      parts.push(renderItems(items, layoutOf(ctx, "bullets")));
      parts.push(...closing(ctx));
      break;
    }
    case "next": {
      parts.push(sayFresh(ctx, FOLLOWUP.next_openers));
      parts.push(
        renderItems(freshLines(ctx, FOLLOWUP.next_steps, ctx.cues.length === 0 ? 2 : 3), "numbered"),
      );
      parts.push(...closing(ctx));
      break;
    }
    case "constraint": {
      const clause =
        /[^.?!]*\b(?:only|can'?t|must|has to|have to|without|budget|no more than|at most|under|limit|deadline|by)\b[^.?!]*/i.exec(
          latestText.masked,
        )?.[0];
      const bare = clause
        ?.trim()
        .replace(/^(?:(?:oh|also|and|but|btw|sorry|apologies|ah|oops)[,\s]+)*/i, "")
        .replace(
          /^(?:i\s+)?(?:forgot to (?:mention|say)|should(?: have|'ve) (?:mentioned|said))(?:\s+that)?[,:]?\s*/i,
          "",
        );
      const said = bare === undefined || bare === "" ? undefined : restore(toSecondPerson(bare), latestText);
      parts.push(
        said === undefined || said.length > 100
          ? sayFresh(ctx, FOLLOWUP.constraint_openers_plain)
          : sayFresh(ctx, FOLLOWUP.constraint_openers, { N: said }),
      );
      // Each earlier point named by its gist, with what the constraint changes about it.
      const items =
        view.items.length > 0
          ? view.items.slice(0, 4).map((_, i) => {
              const gist = gistAt(view, i) || `Point ${i + 1}`;
              return `**${capitalize(gist)}:** ${capitalize(sayFresh(ctx, FOLLOWUP.constraint_points))}.`;
            })
          : bodyPoints(ctx, ctx.analysis.kind, 3);
      items[0] = `${items[0] ?? "Start with the essentials."} ${sayFresh(ctx, FOLLOWUP.constraint_notes)}`;
      parts.push(renderItems(items, layoutOf(ctx, view.numbered ? "numbered" : "bullets")));
      parts.push(...closing(ctx));
      break;
    }
    default:
      return undefined;
  }
  return parts.join("\n\n");
}
