/**
 * What the simulated user says, by move and register. Slots: `{I}` the gist of an item of the reply,
 * `{N}` its name ("step 2"), `{J}` a term the reply used, `{K}` a number the reply gave, `{W}` who the
 * user is, `{F}` a layout, `{C}` a constraint they forgot, `{G}` what they want instead of a long
 * answer ("the command"). A line that needs a missing slot is never drawn.
 */

/** The moves a simulated user makes before the conversation's target length. */
export type UserMove =
  | "clarify"
  | "clarify_step"
  | "apply"
  | "pushback"
  | "too_long"
  | "skip_basics"
  | "doubt_number"
  | "format"
  | "shorter"
  | "deeper"
  | "example"
  | "step"
  | "next"
  | "constraint";

type Pools = Readonly<Record<"curt" | "plain" | "polite", readonly string[]>>;

/** The lines of each move, by register. */
export const MOVE_LINES: Readonly<Record<UserMove, Pools>> = {
  clarify: {
    curt: ["{J}?", "what's {J}", "define {J}.", "{J} meaning?"],
    plain: [
      "wait, what does {J} mean?",
      "sorry, what's {J}?",
      "not sure I follow, what do you mean by {J}?",
      "what's {J} in normal words?",
    ],
    polite: [
      "Sorry, could you explain what {J} means?",
      "I'm not familiar with the term {J}. Could you explain it in simple terms?",
      "Could you clarify what you mean by {J}, please?",
    ],
  },
  clarify_step: {
    curt: ["{N} makes no sense.", "don't get {N}.", "{N}??"],
    plain: [
      "I don't really get {N}, can you explain it more simply?",
      "wait, {N} lost me. what does that actually mean?",
      "sorry, what do you mean in {N}?",
    ],
    polite: [
      "I'm afraid I didn't quite follow {N}. Could you explain it more simply?",
      "Could you explain {N} in simpler terms? I'm new to this.",
    ],
  },
  apply: {
    curt: ["how does this work for {W}?", "I'm {W}. still apply?", "and for {W}?"],
    plain: [
      "how would this work for {W}?",
      "ok but I'm {W}, does {I} still apply?",
      "what would this look like for {W}?",
      "would {I} work for {W} too?",
    ],
    polite: [
      "How would this apply to {W}?",
      "That's helpful. As {W}, how would I adapt {I}?",
      "Could you tailor this to {W}, please?",
    ],
  },
  pushback: {
    curt: [
      "that's not right. {I} won't work here.",
      "no. {N} is wrong.",
      "wrong. try again.",
      "that's not what I asked.",
    ],
    plain: [
      "hmm, I don't think {I} is right, that won't work in my case",
      "are you sure about {N}? that doesn't match what I've seen",
      "that's not quite it, {N} skips the actual problem",
      "I tried {I} already, didn't help",
    ],
    polite: [
      "I'm not sure {N} is correct; it doesn't match my experience. Could you double-check?",
      "I think there may be an error in {N}. Could you take another look?",
      "I tried {I} already, and unfortunately it didn't help. Is there another approach?",
    ],
  },
  too_long: {
    curt: ["too long. just give me {G}.", "tl;dr?", "shorter.", "just {G}."],
    plain: [
      "that's a lot, can you just give me {G}?",
      "too long, just {G} please",
      "can you cut that down to {G}?",
    ],
    polite: [
      "Could you give me a shorter version, just {G}?",
      "That's a bit long for me. Could you boil it down to {G}?",
    ],
  },
  skip_basics: {
    curt: [
      "I know the basics. skip to {I}.",
      "skip the intro. edge cases?",
      "basics I know. what about {I}?",
    ],
    plain: [
      "I know the basics already, can we go straight to {I}?",
      "yeah I know all that, what about the edge cases?",
    ],
    polite: [
      "I'm familiar with the basics; could we focus on {I}?",
      "I already know the fundamentals. Could you go into the less obvious cases?",
    ],
  },
  doubt_number: {
    curt: ["{K}? source?", "{K} seems off.", "where's {K} from?"],
    plain: [
      "are you sure about {K}? that seems off",
      "where does {K} come from?",
      "hm, {K} sounds high to me, is that right?",
    ],
    polite: [
      "Could you double-check {K}? It seems different from what I've read.",
      "Where does the {K} figure come from?",
    ],
  },
  format: {
    curt: ["as {F}.", "put it in {F}.", "{F} pls."],
    plain: ["can you put that in {F}?", "could you redo that as {F}?", "easier for me as {F} tbh"],
    polite: ["Could you present that as {F}, please?", "Would it be possible to lay this out as {F}?"],
  },
  shorter: {
    curt: ["shorter.", "too long.", "summary?"],
    plain: ["can you make that shorter?", "tl;dr version?", "bit long, can you trim it down?"],
    polite: ["Could you give me a shorter version?", "Could you summarise that in a few lines?"],
  },
  deeper: {
    curt: ["more detail on {I}.", "why {I}?", "explain {N}."],
    plain: [
      "can you go deeper on {I}?",
      "why does {I} matter?",
      "ok, but why? explain {N} a bit more",
      "can you walk me through {N}?",
    ],
    polite: [
      "Could you explain the reasoning behind {I} in more detail?",
      "Would you mind going into more depth on {N}?",
      "Could you walk me through why {N} works?",
    ],
  },
  example: {
    curt: ["example?", "show an example of {I}.", "example for {N}."],
    plain: ["can you give me an example of {I}?", "got an example?", "what would {N} look like in practice?"],
    polite: ["Could you give a concrete example of {I}?", "Would you mind showing an example for {N}?"],
  },
  step: {
    curt: ["{N}: how exactly?", "{N}, details.", "how do I do {N}?"],
    plain: [
      "how do I actually do {N}?",
      "can you explain {N} more? the part about {I}",
      "for {N}, what exactly do I do first?",
    ],
    polite: [
      "Could you walk me through {N} ({I}) in a bit more detail?",
      "How exactly would I go about {N}?",
    ],
  },
  next: {
    curt: ["done. next?", "ok. then what?", "next step?", "did that. now?"],
    plain: [
      "ok, did {N}. what's next?",
      "got it. what do I do after {I}?",
      "cool, and after that?",
      "done with {N}, now what?",
    ],
    polite: [
      "Thank you. Once I've done {N}, what should I do next?",
      "That makes sense. What would be the next step after {I}?",
      "I've done {N}. What comes next?",
    ],
  },
  constraint: {
    curt: ["forgot: {C}.", "also, {C}.", "{C}. changes anything?"],
    plain: [
      "oh I forgot to mention, {C}",
      "one thing I forgot: {C}. does that change anything?",
      "btw {C}, does that matter?",
    ],
    polite: [
      "I should have mentioned that {C}. Does that change your advice?",
      "Apologies, I forgot to mention that {C}. How would that affect this?",
    ],
  },
};

/** Constraints a user forgets to mention, by subject area. */
export const CONSTRAINTS: Readonly<Record<string, readonly string[]>> = {
  coding: [
    "it has to run on Python 3.8",
    "we can't add new dependencies",
    "this runs on Windows",
    "it needs to handle about 10,000 rows",
    "I can't change the database schema",
  ],
  writing: [
    "it has to be under 200 words",
    "it's going to my manager, so not too casual",
    "English isn't the reader's first language",
  ],
  finance: [
    "my budget is tight, maybe $200 a month",
    "I'm in the UK, if that matters",
    "I might need the money within a year",
  ],
  health: ["I have a bad knee", "I only have 20 minutes a day", "I'm on blood pressure medication"],
  legal: ["I'm in California", "I don't want to go to court if I can avoid it", "there's nothing in writing"],
  data: ["the data has lots of missing values", "it's only about 500 rows", "I have to use Excel"],
  business: ["we have no marketing budget", "it's a B2B audience", "it's just me, no team"],
  travel: ["I'm travelling with two kids", "my budget is about $1,500", "I can't do long flights"],
  food: ["one of the guests is vegetarian", "I don't have an oven", "it has to be ready in 30 minutes"],
  education: ["it's for 30 students", "the class is only 45 minutes", "most of them are beginners"],
  home: ["we rent, so no drilling", "I don't have many tools", "it's a small apartment"],
  general: [
    "I only have a few hours this week",
    "I need this by Friday",
    "I'd rather not spend money on it",
    "I've never done this before",
  ],
};

/** The constraint table to use for a persona domain or a request's field. */
export const CONSTRAINT_AREA: Readonly<Record<string, string>> = {
  coding: "coding",
  data: "data",
  writing: "writing",
  communication: "writing",
  marketing: "business",
  business: "business",
  sales: "business",
  product: "business",
  bizdev: "business",
  finance: "finance",
  health: "health",
  fitness: "health",
  legal: "legal",
  travel: "travel",
  cooking: "food",
  food: "food",
  education: "education",
  language_learning: "education",
  home: "home",
  parenting: "home",
};

/** Closing remarks when satisfied. */
export const CLOSINGS: Pools = {
  curt: ["ok.", "works.", "fine, thx", "got it.", "k", "good enough."],
  plain: [
    "got it, thanks!",
    "perfect, that's what I needed",
    "cool, that helps",
    "ok that makes sense, thanks",
    "great, I'll try that",
  ],
  polite: [
    "Thank you, this is very helpful.",
    "Thanks so much, that answers my question.",
    "Perfect, thank you for your help!",
    "That's exactly what I needed. Thank you.",
  ],
};

/** Closings that point at something in the reply. */
export const SPECIFIC_CLOSINGS: Pools = {
  curt: ["ok, {N} did it.", "fine. going with {N}."],
  plain: ["ok {N} was the missing piece, thanks", "cool, I'll start with {N}"],
  polite: ["Thank you, {N} was exactly what I was missing.", "Thanks, I'll start with {N}."],
};

/** Curt endings of a user who gives up. */
export const GIVE_UPS: Pools = {
  curt: ["forget it.", "this isn't helping. never mind.", "nvm, I'll figure it out.", "not useful. done."],
  plain: [
    "ok this isn't really helping, I'll look elsewhere",
    "never mind, I'll just google it",
    "this is taking too long, I'll figure it out myself",
  ],
  polite: [
    "Thank you, but this isn't quite what I need. I'll look elsewhere.",
    "I appreciate the effort, but I'll find another resource.",
  ],
};
