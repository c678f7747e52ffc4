import type { JudgeInput, JudgeScores } from "./judge-operation.js";
import { normalizeText, wordsOf } from "./text-units.js";

/**
 * The offline judge: the rubric scored from measurable signals, deterministically (no randomness, no
 * model). It stands in for a model judge in tests and demos; it sees style and structure, not truth.
 *
 * - persona_fidelity: the first message's length against `query_length_pref`, its casualness
 *   markers against `formality_level`, minus a point per message in which the user announces who
 *   they are ("as a teacher", "I'm a student").
 * - user_realism: follow-ups that repeat an earlier message, empty ones, thank-you padding before
 *   the end, and follow-ups that never pick up a word of the reply before them cost points.
 * - assistant_helpfulness: how many of the request's content words each reply takes up, whether it
 *   has some substance (≥ 15 words), and replies repeated verbatim.
 * - noise_plausibility: how much of the clean text's content survives the noise, and whether its
 *   numbers do (5 when there is no noise).
 */
export function heuristicJudge(input: JudgeInput): JudgeScores {
  const user = input.messages.filter((m) => m.role === "user").map((m) => m.content);
  const scores = {
    persona_fidelity: personaFidelity(input.features, user),
    user_realism: userRealism(input.messages),
    assistant_helpfulness: helpfulness(input.messages),
    noise_plausibility: noisePlausibility(input.noise),
  };
  const weakest = (Object.entries(scores) as Array<[string, number]>).sort((a, b) => a[1] - b[1])[0]!;
  return { ...scores, rationale: `offline heuristic judge; weakest: ${weakest[0]} (${weakest[1]})` };
}

const LENGTH_RANGES: Record<string, [number, number]> = {
  very_short: [1, 10],
  short: [5, 25],
  medium: [15, 60],
  long: [30, 400],
};
const FORMALITY = ["very_casual", "casual", "neutral", "formal", "very_formal"];
const SLANG = new Set([
  "u",
  "ur",
  "pls",
  "plz",
  "thx",
  "gonna",
  "wanna",
  "kinda",
  "lol",
  "idk",
  "tbh",
  "btw",
  "ok",
  "yeah",
  "hey",
]);

function personaFidelity(features: Readonly<Record<string, unknown>>, user: readonly string[]): number {
  const first = user[0] ?? "";
  const fits: number[] = [];
  const range = LENGTH_RANGES[String(features.query_length_pref)];
  if (range) {
    const words = Math.max(1, wordsOf(first).length);
    const off = words < range[0] ? range[0] / words : words > range[1] ? words / range[1] : 1;
    fits.push(5 - Math.min(4, 2 * Math.log2(off)));
  }
  const formality = FORMALITY.indexOf(String(features.formality_level));
  if (formality >= 0) fits.push(5 - Math.abs(formality - measuredFormality(user)));
  let score = fits.length === 0 ? 3 : fits.reduce((a, b) => a + b, 0) / fits.length;
  const role = String(features.role ?? "").replace(/_/g, " ");
  score -= user.filter((text) => announcesRole(text, role)).length;
  return clamp(score);
}

/** 0 (very casual) … 4 (very formal), from casual markers per message. */
function measuredFormality(user: readonly string[]): number {
  if (user.length === 0) return 2;
  let markers = 0;
  for (const text of user) {
    const trimmed = text.trim();
    if (/^[a-z]/.test(trimmed)) markers++;
    if (!/[.?!]$/.test(trimmed)) markers++;
    if (/!!|\?\?|\p{Extended_Pictographic}/u.test(trimmed)) markers++;
    if (wordsOf(trimmed).some((w) => SLANG.has(w))) markers++;
  }
  return 4 - Math.min(4, (markers / user.length) * (4 / 3));
}

function userRealism(messages: JudgeInput["messages"]): number {
  let score = 5;
  const seen = new Set<string>();
  let picksUp = 0;
  let followups = 0;
  let previousReply = "";
  const users = messages.filter((m) => m.role === "user").length;
  let index = 0;
  for (const m of messages) {
    if (m.role === "assistant") {
      previousReply = m.content;
      continue;
    }
    const norm = normalizeText(m.content);
    if (seen.has(norm)) score -= 1.5;
    seen.add(norm);
    if (wordsOf(m.content).length < 2) score -= 1;
    if (index > 0) {
      followups++;
      if (
        /^(thanks?|thank you|thx|ok(ay)?|great|cool|perfect)\b/i.test(m.content.trim()) &&
        index < users - 1
      )
        score -= 1;
      const reply = new Set(contentWords(previousReply));
      if (contentWords(m.content).some((w) => reply.has(w))) picksUp++;
    }
    index++;
  }
  if (followups > 0 && picksUp === 0) score -= 1;
  return clamp(score);
}

function helpfulness(messages: JudgeInput["messages"]): number {
  const parts: number[] = [];
  const replies = new Set<string>();
  let repeated = 0;
  let request = "";
  for (const m of messages) {
    if (m.role === "user") {
      request = m.content;
      continue;
    }
    const asked = contentWords(request);
    const said = new Set(contentWords(m.content));
    const grounding =
      asked.length === 0 ? 1 : Math.min(1, asked.filter((w) => said.has(w)).length / asked.length / 0.5);
    const substance = Math.min(1, wordsOf(m.content).length / 15);
    parts.push(0.6 * grounding + 0.4 * substance);
    const norm = normalizeText(m.content);
    if (replies.has(norm)) repeated++;
    replies.add(norm);
  }
  if (parts.length === 0) return 1;
  return clamp(1 + 4 * (parts.reduce((a, b) => a + b, 0) / parts.length) - repeated);
}

function noisePlausibility(noise: JudgeInput["noise"]): number {
  if (noise.length === 0) return 5;
  const scores = noise.map(({ clean, noisy }) => {
    const kept = new Set(contentWords(noisy));
    const words = contentWords(clean);
    const keep = words.length === 0 ? 1 : words.filter((w) => kept.has(w)).length / words.length;
    let score = keep >= 0.6 ? 5 : keep >= 0.4 ? 4 : keep >= 0.25 ? 3 : 2;
    const numbers = clean.match(/\d+(?:[.,]\d+)*/g) ?? [];
    if (numbers.some((n) => !noisy.includes(n))) score -= 1;
    return score;
  });
  return clamp(scores.reduce((a, b) => a + b, 0) / scores.length);
}

const STOP = new Set(
  "the and for with that this you your are can how what why when where which about from have will would could should please into does just like need want make".split(
    " ",
  ),
);

function contentWords(text: string): string[] {
  return wordsOf(text).filter((w) => w.length >= 4 && !STOP.has(w));
}

function clamp(score: number): number {
  return Math.round(Math.min(5, Math.max(1, score)) * 100) / 100;
}

/** "As a teacher…", "I'm a teacher…": the user says who they are instead of sounding like it. */
function announcesRole(text: string, role: string): boolean {
  if (role === "") return false;
  for (const match of text.toLowerCase().matchAll(/\b(?:as an?|i'?m an?|i am an?) ([a-z ]+)/g))
    if (match[1]!.startsWith(role)) return true;
  return false;
}
