import type { Rng } from "../../rng/random.js";
import type { UserProfile } from "./user-profile.js";

/**
 * The simulated user's voice: a message drafted in one of three registers gets the persona's
 * openers, urgency, casing, text-speak and emoji. Formal users get none of the casual touches.
 */

const ACK: Readonly<Record<UserProfile["register"], readonly string[]>> = {
  curt: [],
  plain: ["ok,", "ok cool,", "thanks,", "nice,", "hm ok,", "right,"],
  polite: [
    "Thank you, that's helpful.",
    "Thanks for this.",
    "Thank you for the explanation.",
    "That's useful, thank you.",
  ],
};
const URGENT: Readonly<Record<UserProfile["register"], readonly string[]>> = {
  curt: ["quick.", "asap.", "need this now.", "hurry."],
  plain: ["quick pls", "need this today", "kinda in a rush", "asap if possible"],
  polite: [
    "I'm a little short on time, so a quick answer would be great.",
    "I need this fairly soon, if possible.",
  ],
};
const FORMAL_URGENT = ["I would appreciate a prompt reply.", "I need this today, if possible."];
const TONE_OPENERS: Readonly<Record<string, readonly string[]>> = {
  anxious: ["sorry if this is a dumb question,", "sorry, one more thing,", "I'm a bit worried,"],
  playful: ["haha ok,", "lol ok,", "ooh ok,"],
  enthusiastic: ["this is great!", "love it!", "awesome!"],
  skeptical: ["hmm,", "not sure about this,", "hm."],
};
const EMOJI: Readonly<Record<string, readonly string[]>> = {
  question: ["🤔", "🙂", "👀"],
  thanks: ["🙏", "😊", "🙌", "👍"],
  urgent: ["😅", "⏰", "😬"],
  annoyed: ["🙄", "😤", "😑"],
  happy: ["😄", "🎉", "✨", "👍"],
};
const TEXT_SPEAK: ReadonlyArray<readonly [RegExp, string]> = [
  [/\byou\b/g, "u"],
  [/\byour\b/g, "ur"],
  [/\bplease\b/g, "pls"],
  [/\bthanks\b/g, "thx"],
  [/\bbecause\b/g, "bc"],
  [/\bright now\b/g, "rn"],
  [/\bI don't know\b/gi, "idk"],
  [/\bto be honest\b/g, "tbh"],
];
// Each short form back to its words, lower case, read from TEXT_SPEAK itself so the two never drift.
const SPELLED_OUT: ReadonlyMap<string, string> = new Map(
  TEXT_SPEAK.map(([pattern, short]) => [short, pattern.source.replaceAll("\\b", "").toLowerCase()]),
);
const SHORT_FORM = new RegExp(`\\b(?:${[...SPELLED_OUT.keys()].join("|")})\\b`, "g");

/** The voice's text-speak spelled out again, in lower case: "idk, thx u" → "i don't know, thanks you". */
export function spellOutTextSpeak(lowerCaseText: string): string {
  return lowerCaseText.replace(SHORT_FORM, (short) => SPELLED_OUT.get(short) ?? short);
}

const CONTRACTED =
  /\b(?:I'm|don't|can't|isn't|it's|that's|what's|won't|doesn't|I've|I'd|you're|there's|didn't|let's)\b/g;
const EXPANDED: Readonly<Record<string, string>> = {
  "I'm": "I am",
  "don't": "do not",
  "can't": "cannot",
  "isn't": "is not",
  "it's": "it is",
  "that's": "that is",
  "what's": "what is",
  "won't": "will not",
  "doesn't": "does not",
  "I've": "I have",
  "I'd": "I would",
  "you're": "you are",
  "there's": "there is",
  "didn't": "did not",
  "let's": "let us",
};

/** What a message is doing, for picking a fitting emoji. */
export type Mood = keyof typeof EMOJI;

/** Options of {@link voice}. */
export interface VoiceOptions {
  mood: Mood;
  /** Allow an acknowledgement opener ("thanks,") before the message. */
  acknowledge: boolean;
  /** Allow the urgency tag. */
  urgent: boolean;
}

/** The drafted message in the persona's voice. */
export function voice(draft: string, p: UserProfile, rng: Rng, options: VoiceOptions): string {
  let text = draft;
  const ack = ACK[p.register];
  if (options.acknowledge && !p.terse && ack.length > 0 && rng.chance(p.register === "polite" ? 0.5 : 0.25)) {
    text = `${rng.pick(ack)} ${text}`;
  } else if (!p.terse && TONE_OPENERS[p.tone] !== undefined && !p.formal && rng.chance(0.3)) {
    text = `${rng.pick(TONE_OPENERS[p.tone] as readonly string[])} ${lowerFirst(text)}`;
  }
  if (options.urgent && p.urgency >= 2 && rng.chance(p.urgency >= 3 ? 0.7 : 0.4)) {
    const tag = rng.pick(p.formal ? FORMAL_URGENT : URGENT[p.register]);
    text =
      p.register === "polite" || /\?$/.test(text)
        ? `${endSentence(text)} ${tag}`
        : `${stripEnd(text)}, ${tag}`;
  }
  if (p.formal) {
    text = text.replace(CONTRACTED, (w) => EXPANDED[w] ?? w);
    text = endSentence(upperFirst(text));
    // A formal but hasty typist still capitalises; only the final full stop goes.
    return p.hasty > 0 && rng.chance(p.hasty) ? text.replace(/\.$/, "") : text;
  }
  if (p.textSpeak > 0 && rng.chance(p.textSpeak)) {
    for (const [pattern, short] of TEXT_SPEAK) text = text.replace(pattern, short);
  }
  if (p.lowercase > 0 && rng.chance(p.lowercase)) {
    text = lowerFirst(text);
    if (rng.chance(0.6)) text = text.replace(/\.$/, "");
  } else if (p.register !== "curt" || rng.chance(0.5)) {
    text = upperFirst(text);
  }
  if (p.hasty > 0 && rng.chance(p.hasty)) text = lowerFirst(text).replace(/\.$/, "");
  if (p.emoji > 0 && rng.chance(p.emoji))
    text = `${text} ${rng.pick(EMOJI[options.mood] ?? EMOJI.question!)}`;
  return text;
}

function upperFirst(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}

/** Lower-cases the first letter unless it starts an acronym or "I". */
export function lowerFirst(text: string): string {
  if (text.length < 2 || /^(?:I\b|I'|[A-Z]{2})/.test(text)) return text;
  return text[0]!.toLowerCase() + text.slice(1);
}

function stripEnd(text: string): string {
  return text.replace(/[.!\s]+$/, "");
}

function endSentence(text: string): string {
  return /[.!?)]$/.test(text) ? text : `${text}.`;
}
