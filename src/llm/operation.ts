import type { z } from "zod";
import type { Rng } from "../rng/random.js";
import type { ChatMessage } from "./types.js";

/**
 * An operation is one thing the pipeline asks of a model — `formulate`, `style_transfer`,
 * `simulate_user`, `assistant_reply`, `extract_intent`, `add_noise`, `judge_meaning`, … — with typed
 * input and output. An online provider renders `messages(input)` and validates the answer; the
 * offline engine runs the implementation `offline()` loads on the same typed input. Stages depend
 * on operations, never on a provider.
 */
export interface Operation<I, O> {
  /** Stable name; part of usage records. */
  readonly name: string;
  /** Usage bucket: `persona`, `formulation`, `style_transfer`, `interaction`, `distractor`. */
  readonly stage: string;
  /** The chat messages sent to an online provider. */
  messages(input: I): ChatMessage[];
  /** How the answer text becomes the output. */
  readonly output: TextOutput<O> | JsonOutput<O>;
  /**
   * Semantic check of a parsed answer (e.g. too short, a refusal). A message sends the answer back
   * to the model with that message, a bounded number of times, then the call fails with it.
   */
  check?(output: O, input: I): string | undefined;
  /**
   * Loads the deterministic implementation the offline engine runs. Loaded when a run first uses
   * it, so a run with real models never loads the offline engine (its modules and data tables).
   */
  offline(): Promise<OfflineImplementation<I, O>>;
  /** Default output token limit for this operation. */
  readonly maxTokens?: number;
}

/** An operation's deterministic implementation for the offline engine. */
export type OfflineImplementation<I, O> = (input: I, rng: Rng) => O;

export interface TextOutput<O> {
  kind: "text";
  parse(text: string): O;
}

export interface JsonOutput<O> {
  kind: "json";
  /** Name given to providers for the schema. */
  name: string;
  schema: z.ZodType<O>;
}

/** A text operation whose output is the trimmed reply. */
export function textOutput(): TextOutput<string> {
  return { kind: "text", parse: (text) => text.trim() };
}
