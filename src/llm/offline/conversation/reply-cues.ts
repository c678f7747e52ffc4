import { countIn, lexicon, scan, tokens, wordTable } from "./word-table.js";

/**
 * How an answer should look, read from the system prompt (which the persona's formulation wrote) and
 * from the latest user message, whose explicit asks ("shorter", "as a table") win.
 */
export interface ReplyCues {
  /** 0 short · 1 medium · 2 long. */
  length: 0 | 1 | 2;
  /** A layout asked for, if any. */
  format: "numbered" | "bullets" | "table" | "paragraphs" | "checklist" | undefined;
  /** Worked examples wanted. */
  examples: boolean;
  /** Code wanted (true), refused (false) or not mentioned. */
  code: boolean | undefined;
  /** Register: formal (no contractions, no exclamation), casual, or neutral. */
  register: "formal" | "casual" | "neutral";
  /** Avoid jargon and explain every term. */
  plain: boolean;
  /** Technical vocabulary welcome. */
  technical: boolean;
  /** Point to sources. */
  citations: boolean;
  /** Lead with a one-line answer. */
  answerFirst: boolean;
  /** A programming language the system prompt names (fence name). */
  language: string | undefined;
}

const SHORT = wordTable(
  "concise|brief|briefly|short|shorter|terse|to the point|succinct|minimal|one liner|one-liner|no fluff|tl dr|tldr|quick|bottom line",
);
const LONG = wordTable(
  "detailed|detail|thorough|thoroughly|in depth|in-depth|comprehensive|exhaustive|elaborate|extensive|deep dive|deep-dive|step by step|step-by-step|walk me through|walk them through|more depth",
);
const CUES = lexicon({
  numbered: "step by step|step-by-step|numbered|steps",
  bullets: "bullet*",
  table: "table|tables",
  paragraphs: "paragraphs|prose|narrative|no lists|no list",
  checklist: "checklist|checklists",
  examples: "example|examples",
  noExamples: "no examples|without examples|skip examples|avoid examples|no example",
  codeYes:
    "code block|code blocks|code snippet|code snippets|code sample|code samples|code example|code examples|runnable|snippet|snippets|show the code|show code|with code|include code",
  codeNo: "no code|without code|avoid code|not code|skip the code",
  formal: "formal|formally|professional tone|courteous|respectful|polished",
  notFormal: "not formal|not too formal|never formal|avoid formal|too formal|informal",
  informal: "informal|casual|friendly|warm|relaxed|playful|conversational|chatty",
  plain:
    "beginner|beginners|novice|plain language|plain english|plain words|avoid jargon|avoiding jargon|no jargon|without jargon|non-technical|nontechnical|simple terms|simple words|simple language|layperson|eli5|first-time|first time",
  technical:
    "expert|experts|advanced|technical depth|jargon is fine|precise terminology|assume expertise|assume knowledge|skip the basics|senior|specialist|power user",
  citations: "source|sources|cite|citation|citations|reference|references",
  noCitations: "no sources|without sources|no citations|without citations",
  answerFirst:
    "summary first|tl dr|tldr|bottom line first|lead with the answer|lead with the conclusion|answer first|direct answer",
  askShort:
    "shorter|too long|tl dr|tldr|short version|just give|just tell|just the|bottom line|in one line|in one sentence|quick answer|quickly answer|keep it short|keep it brief|briefly",
  askLong:
    "more detail|in detail|detailed|elaborate|expand|go deeper|deep dive|explain more|walk me through|thorough",
  askCode: "the command|the code|the script|the snippet|show me code|show me the code",
  askPlain: "simpler|in simple terms|dumb it down|not technical|plain english|plain language|eli5",
});
type Cue = keyof typeof CUES.bit;

const FENCE: ReadonlyMap<string, string> = new Map([
  ["python", "python"],
  ["javascript", "javascript"],
  ["typescript", "typescript"],
  ["golang", "go"],
  ["rust", "rust"],
  ["java", "java"],
  ["sql", "sql"],
  ["bash", "bash"],
  ["ruby", "ruby"],
  ["php", "php"],
  ["kotlin", "kotlin"],
  ["swift", "swift"],
  ["c++", "cpp"],
  ["c#", "csharp"],
]);

function on(hits: number, cue: Cue): boolean {
  return (hits & CUES.bit[cue]) !== 0;
}

function formatOf(hits: number): ReplyCues["format"] {
  if (on(hits, "table")) return "table";
  if (on(hits, "checklist")) return "checklist";
  if (on(hits, "numbered")) return "numbered";
  if (on(hits, "bullets")) return "bullets";
  if (on(hits, "paragraphs")) return "paragraphs";
  return undefined;
}

/** The cues of a system prompt; the empty string gives neutral defaults. */
export function systemCues(system: string): ReplyCues {
  const cues: ReplyCues = {
    length: 1,
    format: undefined,
    examples: false,
    code: undefined,
    register: "neutral",
    plain: false,
    technical: false,
    citations: false,
    answerFirst: false,
    language: undefined,
  };
  if (system === "") return cues;
  const words = tokens(system.toLowerCase());
  const hits = scan(words, CUES);
  const short = countIn(words, SHORT);
  const long = countIn(words, LONG);
  cues.length = short > long ? 0 : long > short ? 2 : 1;
  cues.format = formatOf(hits);
  cues.examples = on(hits, "examples") && !on(hits, "noExamples");
  cues.code = on(hits, "codeNo") ? false : on(hits, "codeYes") ? true : undefined;
  cues.register =
    on(hits, "formal") && !on(hits, "notFormal") ? "formal" : on(hits, "informal") ? "casual" : "neutral";
  cues.plain = on(hits, "plain");
  cues.technical = !cues.plain && on(hits, "technical");
  cues.citations = on(hits, "citations") && !on(hits, "noCitations");
  cues.answerFirst = on(hits, "answerFirst");
  for (const w of words) {
    const fence = FENCE.get(w);
    if (fence !== undefined) {
      cues.language = fence;
      break;
    }
  }
  return cues;
}

/** The cues with the latest user message's explicit asks applied (the message's lower-case words). */
export function withMessageCues(cues: ReplyCues, words: readonly string[]): ReplyCues {
  const out = { ...cues };
  const hits = scan(words, CUES);
  if (hits === 0) return out;
  if (on(hits, "askShort")) out.length = 0;
  else if (on(hits, "askLong")) out.length = 2;
  const format = formatOf(hits);
  if (format !== undefined) out.format = format;
  if (on(hits, "examples") && !on(hits, "noExamples")) out.examples = true;
  if (on(hits, "codeNo")) out.code = false;
  else if (on(hits, "askCode")) out.code = true;
  if (on(hits, "askPlain") || on(hits, "plain")) {
    out.plain = true;
    out.technical = false;
  }
  return out;
}
