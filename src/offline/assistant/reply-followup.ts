import { itemGist, type ReplyView } from "../../text/reply-view.js";
import { capitalize, restore, specificsOf, toSecondPerson, type UserText } from "../../text/user-text.js";
import { readFollowUp } from "./followup-kind.js";
import { codeBlock } from "./reply-code.js";
import { bodyPoints } from "./reply-compose.js";
import { glossFor, type ReplyContext, say } from "./reply-context.js";
import { type Layout, renderItems } from "./reply-format.js";
import { CLOSINGS, ELABORATIONS } from "./reply-templates.js";

const SUB_STEPS: readonly string[] = [
  "Start small: try it on one case first, so a mistake costs little.",
  "Check the result right away, before building anything on top of it.",
  "If it doesn't behave as expected, compare it with the previous step; the difference is usually the clue.",
  "Once it works on one case, apply it to the rest.",
  "Keep a note of what you changed, so you can undo it if needed.",
];
const ANALOGIES: readonly string[] = [
  "a recipe: follow it the same way and you get the same result",
  "a checklist: each item has to be done before the next one makes sense",
  "a thermostat: it checks, adjusts, and checks again",
];
const ADAPTATIONS: readonly string[] = [
  "scale it down to what you can manage in a normal week",
  "start with the part that affects you most",
  "involve the people it touches early",
  "keep it simple at first and refine it later",
  "skip anything that doesn't apply to you",
];
const NEXT_STEPS: readonly string[] = [
  "Test it on a real case and note what breaks.",
  "Tidy up: remove anything you turned out not to need.",
  "Ask someone for one piece of honest feedback.",
  "Make it repeatable: write down the steps you actually followed.",
  "Set a date to check whether it's still working.",
];
const SITUATION =
  /\b(?:i'?m an?|i am an?|as an?|for an?|for my|for our|we'?re an?|in my|in our|i work (?:in|at|as|for))\s+([^.?!,;]{3,60})/i;
const CODE_FENCE = /```[\s\S]*?```/;

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

function closing(ctx: ReplyContext): string {
  return say(ctx, ctx.rng.pick(CLOSINGS[ctx.analysis.kind]));
}

/** The gist of item `i` of the view ("" when it has none), undefined past the last item. */
function gistAt(view: ReplyView, i: number): string | undefined {
  return i < view.items.length ? (itemGist(view, i) ?? "") : undefined;
}

/** The user's own detail in a follow-up: a number (not "step 3"), else a name, else a quote. */
function detailOf(latest: string, latestText: UserText): string | undefined {
  const specific = specificsOf(latestText);
  // "step 3" names an item of the previous answer, not a detail of the user's situation.
  for (const n of specific.numbers) if (!namesAnItem(latest, n)) return n;
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
  const subject = /^(?:your|the)\b/.test(ctx.slots.S ?? "") ? (ctx.slots.S as string) : "it";
  const parts: string[] = [];
  switch (fu.kind) {
    case "thanks":
      return formal
        ? `You are welcome. I hope ${subject} goes smoothly; feel free to return with any further questions.`
        : `${rng.pick(["You're welcome!", "Glad it helped!", "Anytime!"])} Good luck with ${subject}.`;
    case "pushback": {
      parts.push(
        formal
          ? "You are right, and I apologise for the error. Here is the corrected version."
          : rng.pick([
              "You're right, I got that wrong. Thanks for catching it.",
              "Fair point, let me correct that.",
              "Good catch. Here's the fixed version.",
            ]),
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
          : "Does that match what you're seeing?",
      );
      break;
    }
    case "clarify": {
      const term = fu.term ?? "that";
      parts.push(`Good question. "${term}" means ${glossFor(term)}.`);
      const topicFits =
        ctx.slots.T !== undefined && ctx.slots.T.length <= 90 && ctx.analysis.topicShape !== "clause";
      const context = ctx.analysis.topicShape === "action" ? "how to {T}" : "{T}";
      parts.push(
        say(
          ctx,
          topicFits
            ? `In the context of ${context}, that's the piece the other steps rely on.`
            : "Here, that's the piece the other steps rely on.",
        ),
      );
      if (ctx.cues.plain || rng.chance(0.5)) parts.push(`Think of it like ${rng.pick(ANALOGIES)}.`);
      parts.push(
        rng.pick([
          "Does that make it clearer?",
          "Want me to redo the previous list without the jargon?",
          "Happy to explain any other term.",
        ]),
      );
      break;
    }
    case "step": {
      const at = fu.index ?? 0;
      parts.push(
        `Sure. ${capitalize(itemName(view, at))} was "${gistAt(view, at)}". Here it is in more detail:`,
      );
      parts.push(renderItems(rng.sample(SUB_STEPS, ctx.cues.length === 0 ? 2 : 3), "numbered"));
      if (ctx.cues.length === 2) parts.push(rng.pick(ELABORATIONS));
      parts.push(closing(ctx));
      break;
    }
    case "shorter": {
      const code = CODE_FENCE.exec(previous)?.[0];
      if (code !== undefined) {
        parts.push(formal ? "Here is the code on its own:" : "Here's just the code:", code);
      } else {
        parts.push(formal ? "The short version:" : "Short version:");
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
      parts.push(
        say(
          ctx,
          ctx.slots.S === "this" ? "Here's a concrete example:" : "Here's a concrete example for {S}:",
        ),
      );
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
        const start = detailOf(latest, latestText) ?? ctx.slots.X ?? "you're starting from scratch";
        const first = (gistAt(view, 0) ?? "start with the basics").toLowerCase();
        const second = (gistAt(view, 1) ?? "check the result").toLowerCase();
        parts.push(
          `Say ${/^you/.test(start) ? start : `you're working with ${start}`}. First: ${first}. Then: ${second}. Check the result after each one before moving on.`,
        );
      }
      parts.push(closing(ctx));
      break;
    }
    case "deeper": {
      parts.push(say(ctx, ctx.slots.S === "this" ? "Let's go deeper." : "Let's go deeper on {S}."));
      const items = (view.items.length > 0 ? view.items : bodyPoints(ctx, ctx.analysis.kind, 4)).map(
        (item) => `${item} ${rng.pick(ELABORATIONS)}`,
      );
      parts.push(renderItems(items, layoutOf(ctx, view.numbered ? "numbered" : "bullets")));
      parts.push(
        "**Why this works:** each point removes one source of uncertainty, so what's left is the part that really depends on you.",
      );
      parts.push(closing(ctx));
      break;
    }
    case "apply": {
      const situation = SITUATION.exec(latestText.masked)?.[1];
      const said =
        situation === undefined ? undefined : restore(toSecondPerson(situation.trim()), latestText);
      parts.push(
        said === undefined
          ? "For your situation, I'd adapt the previous list like this:"
          : `For your situation (${said}), I'd adapt the previous list like this:`,
      );
      const adapt = rng.sample(ADAPTATIONS, 3);
      const items = adapt.map((a, i) => `**${capitalize(gistAt(view, i) ?? `Point ${i + 1}`)}:** ${a}.`);
      const detail = detailOf(latest, latestText);
      if (detail !== undefined)
        items.push(`**With ${detail}:** plan around that first; it constrains everything else.`);
      parts.push(renderItems(items, layoutOf(ctx, "bullets")));
      parts.push(closing(ctx));
      break;
    }
    case "next": {
      parts.push(
        rng.pick([
          "Nice progress. Next up:",
          "Good, that's the hard part done. Next:",
          "Here's what comes after that:",
        ]),
      );
      parts.push(renderItems(rng.sample(NEXT_STEPS, ctx.cues.length === 0 ? 2 : 3), "numbered"));
      parts.push(closing(ctx));
      break;
    }
    case "constraint": {
      const clause =
        /[^.?!]*\b(?:only|can'?t|must|has to|have to|without|budget|no more than|at most|under|limit|deadline|by)\b[^.?!]*/i.exec(
          latestText.masked,
        )?.[0];
      const bare = clause
        ?.trim()
        .replace(/^(?:(?:oh|also|and|but|btw|sorry)[,\s]+)*/i, "")
        .replace(
          /^(?:i\s+)?(?:forgot to (?:mention|say)|should have (?:mentioned|said))(?:\s+that)?[,:]?\s*/i,
          "",
        );
      const said = bare === undefined || bare === "" ? undefined : restore(toSecondPerson(bare), latestText);
      parts.push(
        said === undefined || said.length > 100
          ? "Got it. With that constraint, here's the revised version:"
          : `Got it. With that constraint (${said}), here's the revised version:`,
      );
      const items = (
        view.items.length > 0 ? view.items.slice(0, 4) : bodyPoints(ctx, ctx.analysis.kind, 3)
      ).slice();
      items[0] = `${items[0] ?? "Start with the essentials"} Keep it within that limit.`;
      parts.push(renderItems(items, layoutOf(ctx, view.numbered ? "numbered" : "bullets")));
      parts.push(closing(ctx));
      break;
    }
    default:
      return undefined;
  }
  return parts.join("\n\n");
}
