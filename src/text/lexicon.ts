/**
 * Word tables of the offline style transfer: contractions, text-speak abbreviations and the small
 * plain-wording ↔ jargon table. The meaning check ({@link ../meaning-overlap.ts}) reads the same
 * tables so that a rewrite using them is not counted as losing words.
 */

/** Expanded form → contraction. Multi-word forms only; matched on word boundaries. */
export const CONTRACTIONS: ReadonlyArray<readonly [string, string]> = [
  ["I am", "I'm"],
  ["I would", "I'd"],
  ["I will", "I'll"],
  ["do not", "don't"],
  ["does not", "doesn't"],
  ["did not", "didn't"],
  ["cannot", "can't"],
  ["can not", "can't"],
  ["is not", "isn't"],
  ["are not", "aren't"],
  ["was not", "wasn't"],
  ["were not", "weren't"],
  ["will not", "won't"],
  ["would not", "wouldn't"],
  ["should not", "shouldn't"],
  ["could not", "couldn't"],
  ["have not", "haven't"],
  ["has not", "hasn't"],
  ["what is", "what's"],
  ["that is", "that's"],
  ["there is", "there's"],
  ["here is", "here's"],
  ["it is", "it's"],
  ["you are", "you're"],
  ["we are", "we're"],
  ["they are", "they're"],
  ["let us", "let's"],
  ["who is", "who's"],
  ["how is", "how's"],
  ["where is", "where's"],
];

/** "I have", "we have", "they have" contract only before these words ("I've tried", not "I've a dog"). */
export const HAVE_CONTRACTION_NEXT = new Set([
  "been",
  "got",
  "gotten",
  "tried",
  "seen",
  "heard",
  "used",
  "read",
  "done",
  "had",
  "noticed",
  "started",
  "already",
  "never",
  "just",
  "always",
  "made",
  "spent",
  "lost",
  "found",
]);

/** Contraction → expanded form, for formal rewrites (lower-case keys; both apostrophes accepted). */
export const EXPANSIONS: Readonly<Record<string, string>> = {
  "i'm": "I am",
  "i've": "I have",
  "i'd": "I would",
  "i'll": "I will",
  "don't": "do not",
  "doesn't": "does not",
  "didn't": "did not",
  "can't": "cannot",
  "isn't": "is not",
  "aren't": "are not",
  "wasn't": "was not",
  "weren't": "were not",
  "won't": "will not",
  "wouldn't": "would not",
  "shouldn't": "should not",
  "couldn't": "could not",
  "haven't": "have not",
  "hasn't": "has not",
  "what's": "what is",
  "that's": "that is",
  "there's": "there is",
  "here's": "here is",
  "it's": "it is",
  "you're": "you are",
  "we're": "we are",
  "they're": "they are",
  "we've": "we have",
  "they've": "they have",
  "you've": "you have",
  "let's": "let us",
  "who's": "who is",
  "how's": "how is",
  "where's": "where is",
};

/**
 * Text-speak for very casual writers: phrase → abbreviation. Longer phrases first, so "thank you"
 * wins over "you". "thanks" and "thank you" only as an interjection ("thanks!", "thanks in advance"),
 * never as a verb ("that thanks my manager").
 */
export const ABBREVIATIONS: ReadonlyArray<readonly [string, string]> = [
  ["I don't know", "idk"],
  ["to be honest", "tbh"],
  ["in my opinion", "imo"],
  ["right now", "rn"],
  ["thank you", "ty"],
  ["going to", "gonna"],
  ["want to", "wanna"],
  ["kind of", "kinda"],
  ["you're", "ur"],
  ["your", "ur"],
  ["you", "u"],
  ["please", "pls"],
  ["thanks", "thx"],
  ["without", "w/o"],
  ["with", "w/"],
  ["because", "bc"],
  ["before", "b4"],
  ["people", "ppl"],
  ["something", "smth"],
  ["tomorrow", "tmrw"],
  ["really", "rly"],
  ["about", "abt"],
  ["though", "tho"],
  ["probably", "prob"],
  ["message", "msg"],
  ["information", "info"],
  ["minutes", "mins"],
  ["favorite", "fave"],
  ["birthday", "bday"],
  ["definitely", "def"],
  ["okay", "ok"],
];

/**
 * Plain wording ↔ jargon. `both`: experts get the right side, novices the left; `expert`: only
 * towards jargon (a novice would not expand an acronym they know); `plain`: only towards plain words.
 */
export const JARGON: ReadonlyArray<{
  plain: string;
  expert: string;
  direction: "both" | "expert" | "plain";
}> = [
  { plain: "speed up", expert: "optimize", direction: "both" },
  { plain: "set up", expert: "configure", direction: "both" },
  { plain: "put online", expert: "deploy", direction: "both" },
  { plain: "project folder", expert: "repository", direction: "plain" },
  { plain: "delay", expert: "latency", direction: "plain" },
  { plain: "internet speed", expert: "bandwidth", direction: "plain" },
  { plain: "login", expert: "authentication", direction: "plain" },
  { plain: "command window", expert: "terminal", direction: "plain" },
  { plain: "graphics card", expert: "GPU", direction: "both" },
  { plain: "processor", expert: "CPU", direction: "both" },
  { plain: "web address", expert: "URL", direction: "both" },
  { plain: "return on investment", expert: "ROI", direction: "expert" },
  { plain: "search engine optimization", expert: "SEO", direction: "expert" },
  { plain: "click-through rate", expert: "CTR", direction: "expert" },
  { plain: "key performance indicators", expert: "KPIs", direction: "expert" },
  { plain: "pull request", expert: "PR", direction: "expert" },
  { plain: "user interface", expert: "UI", direction: "expert" },
  { plain: "blood pressure", expert: "BP", direction: "expert" },
  { plain: "body mass index", expert: "BMI", direction: "expert" },
  { plain: "frequently asked questions", expert: "FAQ", direction: "expert" },
  { plain: "strength training", expert: "resistance training", direction: "expert" },
  { plain: "use", expert: "utilize", direction: "plain" },
  { plain: "method", expert: "methodology", direction: "plain" },
];

/** Where an abbreviation may be used: the text that must follow the phrase. */
export const ABBREVIATION_CONTEXT: Readonly<Record<string, string>> = {
  "thank you": "(?=\\s*(?:[!.,]|$|in advance|so much|for))",
  thanks: "(?=\\s*(?:[!.,]|$|in advance|a lot|so much))",
};

/**
 * Word pairs the meaning check treats as the same word: every text-speak abbreviation and every
 * jargon pair (phrases on either side).
 */
export const EQUIVALENT_PHRASES: ReadonlyArray<readonly [string, string]> = [
  ...ABBREVIATIONS.map(([long, short]) => [long, short] as const),
  ...JARGON.map(({ plain, expert }) => [plain, expert] as const),
];
