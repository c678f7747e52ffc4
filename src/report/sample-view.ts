import { DataError } from "../errors.js";
import { type Edit, toUtf16Edits } from "../noise/edits.js";
import type { NoisyVersion } from "../training/noisy.js";
import type { TrainingSample } from "../training/sample.js";
import { type DiffPart, promptDiff } from "./text-diff.js";

/**
 * One message as the report's browser shows it. A noised user turn carries its clean → noisy diff as
 * `diff`: strings whose first character says what the rest is (`=` kept, `-` removed, `+` inserted).
 */
export interface TurnView {
  role: "system" | "user" | "assistant";
  /** The text as sent (absent when `diff` holds it). */
  text?: string;
  diff?: string[];
  /** The noise behind this turn's text: its layer, strategies, and whether the diff came from edits. */
  noise?: { layer: string; strategies: string[]; from: "edits" | "words" };
}

/** A sample as the report's browser shows it (kept small: it is embedded compressed). */
export interface SampleView {
  id: string;
  originalQuery: string;
  turns: TurnView[];
  /** Short facts shown in the conversation header (model, ending, created at, …). */
  facts: Array<[string, string]>;
}

/** The noisy versions of one user turn: the initial query's for turn 0, else the follow-up's. */
function versionsOfTurn(sample: TrainingSample, turn: number): NoisyVersion[] {
  if (turn === 0) return sample.noisyInitialQueries ?? [];
  return (sample.noisyTrajectories ?? []).filter((v) => v.turn === turn);
}

function encodeDiff(parts: readonly DiffPart[]): string[] {
  return parts.map((p) => `${p.kind === "same" ? "=" : p.kind === "del" ? "-" : "+"}${p.text}`);
}

function isEditList(value: unknown): value is Edit[] {
  return (
    Array.isArray(value) &&
    value.every(
      (e) =>
        typeof e === "object" &&
        e !== null &&
        typeof (e as Edit).position === "number" &&
        typeof (e as Edit).before === "string" &&
        typeof (e as Edit).after === "string",
    )
  );
}

/**
 * Stored edits (indexed by code point) as the diff needs them (indexed like the JavaScript string);
 * undefined when there are none or they do not belong to the clean text (the diff then compares words).
 */
function utf16Edits(clean: string, edits: unknown): Edit[] | undefined {
  if (!isEditList(edits)) return undefined;
  try {
    return toUtf16Edits(clean, edits);
  } catch (error) {
    if (error instanceof DataError) return undefined;
    throw error;
  }
}

/** A user turn: plain when it went out clean, else the diff from its clean version and its noise. */
function userTurn(sample: TrainingSample, content: string, metadata: Record<string, unknown>): TurnView {
  const clean = typeof metadata.clean_version === "string" ? metadata.clean_version : content;
  if (clean === content) return { role: "user", text: content };
  const turn = typeof metadata.turn === "number" ? metadata.turn : 0;
  const versions = versionsOfTurn(sample, turn);
  // The version the conversation used is the one whose text was sent.
  const used = versions.find((v) => v.noisy_text === content);
  const { parts, from } = promptDiff(clean, content, utf16Edits(clean, used?.edits));
  const view: TurnView = { role: "user", diff: encodeDiff(parts) };
  if (used) {
    const layer = typeof used.layer === "string" ? used.layer : used.noise_type;
    view.noise = { layer, strategies: used.applied_strategies, from };
  }
  return view;
}

/** The judge's verdict as header facts: its score, each criterion, its rationale. */
function judgeFacts(judge: unknown): Array<[string, string]> {
  if (typeof judge !== "object" || judge === null) return [];
  const { score, rationale, provider, model, ...criteria } = judge as Record<string, unknown>;
  if (typeof score !== "number") return [];
  const by =
    typeof model === "string" ? ` by ${typeof provider === "string" ? `${provider}/` : ""}${model}` : "";
  const facts: Array<[string, string]> = [["judge score", `${score.toFixed(2)}${by}`]];
  const scores = Object.entries(criteria).filter(([, v]) => typeof v === "number");
  if (scores.length > 0) facts.push(["criteria", scores.map(([k, v]) => `${k} ${v}`).join(", ")]);
  if (typeof rationale === "string" && rationale !== "") facts.push(["rationale", rationale]);
  return facts;
}

/** Builds the browser's view of a sample: its turns with diffs, and the facts of its header. */
export function sampleView(sample: TrainingSample): SampleView {
  const turns: TurnView[] = (sample.fullConversation ?? []).map((message) =>
    message.role === "user"
      ? userTurn(sample, message.content, message.metadata ?? {})
      : { role: message.role, text: message.content },
  );
  const meta = sample.metadata ?? {};
  const facts: Array<[string, string]> = [];
  const model = meta.assistant_model as { provider?: unknown; model?: unknown } | undefined;
  if (model && typeof model.model === "string")
    facts.push([
      "assistant",
      typeof model.provider === "string" ? `${model.provider}/${model.model}` : model.model,
    ]);
  if (typeof meta.termination_reason === "string") facts.push(["ended", meta.termination_reason]);
  if (typeof meta.target_turns === "number") facts.push(["target turns", String(meta.target_turns)]);
  if (typeof meta.query_id === "string") facts.push(["query", meta.query_id]);
  if (typeof meta.created_at === "string") facts.push(["created", meta.created_at]);
  facts.push(...judgeFacts(meta.judge));
  return { id: sample.sampleId, originalQuery: sample.originalQuery, turns, facts };
}
