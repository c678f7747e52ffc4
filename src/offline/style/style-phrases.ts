/**
 * Phrase banks of the offline style transfer, by register. A phrase never carries content of its
 * own that changes the request: greetings, courtesy, urgency, hedges, background about the user,
 * and brief asks about the answer's shape (as the LLM prompt allows).
 */

/** Casual (formality ≤ 1), neutral (2) or formal (≥ 3) wording. */
export type Register = "casual" | "neutral" | "formal";

/**
 * An opener and how it joins the request: `comma` lower-cases a common first word after it
 * ("hey, how do I …"), `colon` keeps it, `sentence` stands alone.
 */
export interface Opener {
  text: string;
  join: "comma" | "colon" | "sentence";
}

/** Openers by register; `very_casual` and `very_formal` for the ends of the scale. */
export const OPENERS: Readonly<Record<Register | "very_casual" | "very_formal", readonly Opener[]>> = {
  very_casual: [
    { text: "hey", join: "comma" },
    { text: "yo", join: "comma" },
    { text: "ok so", join: "comma" },
    { text: "hiya", join: "comma" },
    { text: "hey so", join: "comma" },
  ],
  casual: [
    { text: "Hey", join: "comma" },
    { text: "Hi!", join: "sentence" },
    { text: "Hey there", join: "comma" },
    { text: "Quick q", join: "colon" },
  ],
  neutral: [
    { text: "Hi", join: "comma" },
    { text: "Hello", join: "comma" },
    { text: "Quick question", join: "colon" },
  ],
  formal: [
    { text: "Hello", join: "comma" },
    { text: "Good afternoon", join: "comma" },
    { text: "Good morning", join: "comma" },
  ],
  very_formal: [
    { text: "Good afternoon.", join: "sentence" },
    { text: "Good day.", join: "sentence" },
    { text: "Good morning.", join: "sentence" },
  ],
};

/** Polite closings by register. */
export const CLOSINGS: Readonly<Record<Register, readonly string[]>> = {
  casual: ["Thanks!", "Thanks in advance!", "Thanks a lot!", "Would really appreciate it!"],
  neutral: [
    "Thanks in advance.",
    "Thank you!",
    "Any help would be much appreciated.",
    "Thanks for your help.",
  ],
  formal: [
    "Thank you very much for your time.",
    "I would be most grateful for your help.",
    "Many thanks in advance.",
    "I would greatly appreciate your assistance.",
  ],
};

/** Extra courtesy at the start for very polite users. */
export const COURTESY_OPENERS: Readonly<Record<Register, readonly string[]>> = {
  casual: ["Hope you're doing well!", "Hope this isn't a silly question!"],
  neutral: ["I hope you're doing well.", "Sorry to bother you with this."],
  formal: ["I hope you are well.", "I hope this message finds you well."],
};

/**
 * Urgency markers: for short messages a `prefix`, an `inline` word before the final mark or a `tail`
 * after it; for longer ones an extra `sentence`.
 */
export const URGENCY: Readonly<
  Record<
    Register,
    {
      prefix: readonly string[];
      inline: readonly string[];
      tail: readonly string[];
      sentence: readonly string[];
    }
  >
> = {
  casual: {
    prefix: ["urgent:", "quick one:", "asap:"],
    inline: [" asap"],
    tail: ["need this today", "kinda urgent", "in a hurry here", "need this asap!!"],
    sentence: ["Need this today!", "Kinda urgent, sorry.", "Need it asap."],
  },
  neutral: {
    prefix: ["Urgent:", "Quick one:", "ASAP:"],
    inline: [" ASAP"],
    tail: ["Need this today.", "Urgent."],
    sentence: [
      "I need this today.",
      "This is a bit urgent.",
      "I'm short on time, so the short version first.",
    ],
  },
  formal: {
    prefix: ["Urgent:", "Time-sensitive:"],
    inline: [", as a matter of urgency"],
    tail: ["This is time-sensitive."],
    sentence: [
      "This is somewhat time-sensitive, so a prompt reply would be appreciated.",
      "I would appreciate a prompt response, as this is time-sensitive.",
      "I need an answer today, if at all possible.",
    ],
  },
};

/** Critical urgency: stronger than {@link URGENCY}. */
export const CRITICAL: Readonly<Record<Register, readonly string[]>> = {
  casual: ["need this in like an hour!!", "super urgent, need this now!!"],
  neutral: ["This is urgent - I need it within the hour.", "Urgent, I need this right away."],
  formal: ["This is extremely urgent; I require an answer within the hour."],
};

/** Background sentences about the user; `{self}` is "a senior lawyer in legal services". */
export const CONTEXT: Readonly<Record<Register, readonly string[]>> = {
  casual: ["for context I'm {self}.", "bit of background: I'm {self}.", "fyi I'm {self}."],
  neutral: ["For context, I'm {self}.", "A bit of background: I'm {self}.", "Some context: I'm {self}."],
  formal: [
    "For context, I am {self}.",
    "By way of background, I am {self}.",
    "I should mention that I am {self}.",
  ],
};

/** A clause about the user's specialization, appended to the background sentence. */
export const SPECIALIZATION_CLAUSE = [", mostly working on {spec}", ", focused on {spec}"] as const;

/** Situation sentences by scenario (written neutral; register rules adjust them). */
export const SCENARIO_SENTENCES: Readonly<Record<string, readonly string[]>> = {
  in_a_rush: ["I'm short on time, so the key points first would help."],
  planning: [
    "I'm trying to plan this out properly in advance.",
    "I want to get the plan right before I start.",
  ],
  debugging: [
    "I've already spent a while on this without any luck.",
    "I've been stuck on this for a while now.",
  ],
  troubleshooting: [
    "I've already tried the obvious things.",
    "I've been going back and forth on this for a while.",
  ],
  learning: [
    "I'd like to properly understand this, not just get an answer.",
    "I'm trying to learn how this works.",
  ],
  brainstorming: ["I'm open to creative ideas here.", "Happy to hear unconventional ideas too."],
  decision_making: ["I need to make a decision on this soon.", "I'm trying to weigh up my options."],
  work_task: ["This is for something I'm working on at work.", "It's for a work task."],
  exam_prep: ["I'm preparing for an exam.", "This is part of my exam revision."],
  reviewing: ["I want to get this right before it goes out."],
  on_mobile: ["I'm on my phone, so something easy to read would help."],
  casual_curiosity: ["I'm just curious about this.", "Just something I've been wondering about."],
  casual: ["I'm just curious about this."],
};

/** Brief asks about the answer's shape, keyed by the trait they come from. */
export const ASKS = {
  stepByStep: ["Could you walk me through it step by step?", "A step-by-step explanation would really help."],
  reasoning: [
    "Please explain the reasoning too, not just the answer.",
    "I'd like to understand the why as well.",
  ],
  examples: ["A concrete example or two would really help.", "Examples would help me a lot."],
  bullets: ["Bullet points would be ideal.", "A bulleted answer would be easiest for me."],
  steps: ["Numbered steps would be easiest for me to follow."],
  table: ["A table would make it easy to compare."],
  sources: ["Please point me to sources where you can.", "I'd appreciate references for the key claims."],
  detail: ["I'd appreciate detail on any edge cases.", "Please don't leave out the details."],
  followUp: ["I may have a few follow-up questions.", "I'll probably have follow-ups after this."],
  brief: ["Just the short answer is fine.", "Keep it brief please."],
} as const;

/**
 * Tone markers by tone word. `greeting` opens the message, `question` goes in front of a question
 * ("Sorry if this is a silly question, but how …?"), `sentence` closes the message.
 */
export const TONE_MARKERS: Readonly<
  Record<string, { greeting?: readonly string[]; question?: readonly string[]; sentence?: readonly string[] }>
> = {
  anxious: {
    question: ["Sorry if this is a silly question, but", "I'm a bit nervous about this, but"],
    sentence: ["I'm a bit worried about getting this wrong.", "I really don't want to mess this up."],
  },
  skeptical: {
    sentence: [
      "I've read conflicting advice on this, so I'd like a straight answer.",
      "Please skip the generic advice.",
    ],
  },
  enthusiastic: { sentence: ["Really excited about this!", "Super curious to hear what you think!"] },
  playful: {
    question: ["ok fun one:", "random q:"],
    sentence: ["this one's been bugging me haha", "help me out here lol"],
  },
  warm: { greeting: ["Hope you're having a good day!", "Hope your day's going well!"] },
  friendly: { greeting: ["Hope you're having a good day!", "Hope all is well!"] },
  empathetic: { greeting: ["Hope you're doing well."] },
  casual: {
    question: ["maybe a dumb question, but", "not sure if this is obvious, but"],
    sentence: ["I think I'm missing something obvious here.", "not sure I'm explaining this well."],
  },
};

/** Said by novices about a technical request. */
export const NOVICE_NOTES: Readonly<Record<Register, readonly string[]>> = {
  casual: ["I'm not very techy so keep it simple pls.", "not a tech person lol, simple words pls."],
  neutral: [
    "I'm not very technical, so simple words would help.",
    "I'm not great with tech, so please keep it simple.",
  ],
  formal: ["I am not particularly technical, so plain language would be appreciated."],
};

/** Very casual asides (with the contractions such writers use), by mood. */
export const CASUAL_ASIDES: Readonly<Record<string, readonly string[]>> = {
  stuck: ["can't figure out what's wrong", "i'm so stuck on this", "it's driving me nuts"],
  learn: ["i don't really get it tbh", "i'm kinda confused", "can't wrap my head around it"],
  general: [
    "i'm kinda lost here",
    "don't really know where to start",
    "i've got no idea tbh",
    "it's been bugging me",
  ],
};

/** Emoji by mood. */
export const EMOJI: Readonly<Record<string, readonly string[]>> = {
  stuck: ["😩", "😭", "🙃", "😵‍💫"],
  rush: ["🙏", "😬", "⏰"],
  learn: ["🤓", "🤔", "📚"],
  ideas: ["✨", "💡", "🙌"],
  plan: ["📅", "🙌", "✅"],
  general: ["😅", "🙂", "😊", "👀", "🙏", "😂"],
};
