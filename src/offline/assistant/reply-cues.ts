import { keywordTokens } from "../../text/tokenizer.js";
import { lexicon, scan, scanText } from "../../text/word-table.js";

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

// Keyword lists, phrased the way system prompts say things (the project's own offline prompts and
// LLM-written ones): "keep answers concise", "they appreciate detailed, thorough answers", "avoid
// jargon entirely", "treat them as an expert", "present procedures as numbered steps", …
const CUES = lexicon({
  short:
    "concise|terse|succinct|to the point|short as possible|a line or two|short paragraph|brief answers|brief replies|be brief|keep it brief|keep answers brief|keep answers short|keep replies short|short answers|no fluff|economy of words|fast and decisive|quick to scan|compact|tl dr|tldr|one liner|one-liner",
  long: "detailed|thorough|thoroughly|thoroughness|in depth|in-depth|comprehensive|exhaustive|every angle|elaborate|extensive|deep dive|deep-dive|more depth|take the space",
  numbered: "step by step|step-by-step|numbered|plain steps|in steps",
  bullets: "bullet*",
  table: "table|tables",
  noTable: "avoid tables|no tables|without tables",
  paragraphs:
    "paragraphs rather|flowing paragraphs|connected prose|prose|narrative|rather than lists|no lists|no list",
  checklist: "checklist|checklists",
  examples: "example|examples",
  noExamples:
    "no examples|without examples|skip examples|skip worked examples|avoid examples|no example|leave out examples",
  codeYes:
    "code block|code blocks|code snippet|code snippets|code sample|code samples|code example|code examples|runnable|snippet|snippets|show the code|show code|with code|include code|when code helps|when you show code",
  codeNo: "no code|without code|avoid code|not code|skip the code|pseudocode",
  formal:
    "formal|formally|professional|polished|businesslike|official correspondence|courteous and measured|stay courteous",
  notFormal: "not formal|not too formal|never formal|avoid formal|too formal|rather than businesslike",
  neutralRegister: "neither stiff nor chatty|neutral level of formality",
  informal:
    "informal|casual|easygoing|relaxed and chatty|very relaxed|chatty|conversational|friend would text|slang welcome|playful",
  plain:
    "beginner|beginners|novice|plain language|in plain words|avoid jargon|avoiding jargon|no jargon|without jargon|jargon entirely|non-technical|nontechnical|everyday words|no technical background|technical vocabulary to a minimum|new to technology|simple terms|simple words|simple language|layperson|eli5",
  technical:
    "expert|experts|advanced|technically confident|precise terminology|precise technical language|technical depth|jargon is fine|assume expertise|assume knowledge|skip the basics|advanced details|explain fundamentals|comfortable with technical detail|power user|specialist",
  citations: "source|sources|cite|citation|citations|references|further reading",
  noCitations: "no sources|without sources|no citations|without citations",
  answerFirst:
    "summary first|tl dr|tldr|bottom line first|lead with the answer|lead with the conclusion|answer first|direct answer|answer in the first line|put the answer first",
  askShort:
    "shorter|too long|tl dr|tldr|short version|just give|just tell|just the|bottom line|in one line|in one sentence|quick answer|quickly answer|keep it short|keep it brief|briefly",
  askLong:
    "more detail|in detail|detailed|elaborate|expand|go deeper|deep dive|explain more|walk me through|thorough",
  askCode: "the command|the code|the script|the snippet|show me code|show me the code",
  askPlain: "simpler|in simple terms|dumb it down|not technical|plain english|plain language|eli5",
  // Any word of FENCE below: only then are the words read one by one for the language.
  fence: "python|javascript|typescript|golang|rust|java|sql|bash|ruby|php|kotlin|swift|c++|c#",
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
  if (on(hits, "table") && !on(hits, "noTable")) return "table";
  if (on(hits, "checklist")) return "checklist";
  // "Prefer connected prose over bullet points" asks for prose, not bullets.
  if (on(hits, "paragraphs")) return "paragraphs";
  if (on(hits, "numbered")) return "numbered";
  if (on(hits, "bullets")) return "bullets";
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
  const hits = scanText(system, CUES);
  const short = on(hits, "short");
  const long = on(hits, "long");
  cues.length = short && !long ? 0 : long && !short ? 2 : 1;
  cues.format = formatOf(hits);
  cues.examples = on(hits, "examples") && !on(hits, "noExamples");
  cues.code = on(hits, "codeNo") ? false : on(hits, "codeYes") ? true : undefined;
  cues.register = on(hits, "neutralRegister")
    ? "neutral"
    : on(hits, "informal") || on(hits, "notFormal")
      ? "casual"
      : on(hits, "formal")
        ? "formal"
        : "neutral";
  cues.plain = on(hits, "plain") && !on(hits, "technical");
  cues.technical = on(hits, "technical") && !cues.plain;
  cues.citations = on(hits, "citations") && !on(hits, "noCitations");
  cues.answerFirst = on(hits, "answerFirst");
  if (on(hits, "fence")) {
    for (const w of keywordTokens(system.toLowerCase())) {
      const fence = FENCE.get(w);
      if (fence !== undefined) {
        cues.language = fence;
        break;
      }
    }
  }
  return cues;
}

/**
 * The cues with the latest user message's explicit asks applied: `message` is the message itself
 * (any case; its masked form when protected parts should not count) or its lower-case words.
 */
export function withMessageCues(cues: ReplyCues, message: string | readonly string[]): ReplyCues {
  const out = { ...cues };
  const hits = typeof message === "string" ? scanText(message, CUES) : scan(message, CUES);
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
