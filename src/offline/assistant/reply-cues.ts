import { keywordTokens } from "../../text/tokenizer.js";
import { KEYWORDS, type Keyword, keywordHits } from "./message-keywords.js";

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

type Cue = Keyword;

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
  return (hits & KEYWORDS.bit[cue]) !== 0;
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
  const hits = keywordHits(system);
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
 * The cues with the latest user message's explicit asks applied: `hits` is the message's
 * `keywordHits` (of its masked form, so protected parts do not count).
 */
export function withMessageCues(cues: ReplyCues, hits: number): ReplyCues {
  const out = { ...cues };
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
