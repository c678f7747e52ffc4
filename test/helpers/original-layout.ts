import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { UPSTREAM } from "./paths.js";

/** A few seed queries in the original tool's `input/query.jsonl` form (that file is not among the fixtures). */
const QUERIES = [
  "Write a Python function that checks whether a string is a palindrome.",
  "Plan a three-day trip to Lisbon on a small budget.",
  "Explain the difference between a Roth IRA and a traditional IRA.",
  "Draft a polite email asking my landlord to fix the heating.",
  "Suggest five healthy snacks for a team meeting.",
  "How do I set up a PostgreSQL read replica?",
  "Summarise the causes of the French Revolution in a paragraph.",
  "Give me a weekly workout plan for a beginner.",
  "What should I check before signing a software consulting contract?",
  "Help me name a small bakery that sells sourdough.",
  "Write unit tests for a function that parses ISO dates.",
  "Compare electric and gas cars for a long commute.",
];

/**
 * Lays out, in `dir`, the original tool's repository as its config.yaml expects it: the config itself
 * (byte for byte, unless `configText` replaces it), `input/` with the persona bank, sampling config and
 * strategy file, and `prompts/`, all read from ../shared/upstream-inputs at test time, plus a small
 * synthetic `input/query.jsonl`. Returns the config path.
 */
export function layOutOriginalRepo(dir: string, configText?: (original: string) => string): string {
  mkdirSync(join(dir, "input"), { recursive: true });
  for (const file of ["persona.yaml", "sampling_config.yaml", "distractor_strategy.yaml"])
    cpSync(join(UPSTREAM, file), join(dir, "input", file));
  cpSync(join(UPSTREAM, "prompts"), join(dir, "prompts"), { recursive: true });
  writeFileSync(
    join(dir, "input", "query.jsonl"),
    QUERIES.map((q, i) => JSON.stringify({ id: `q${i}`, instruction: q })).join("\n"),
  );
  const original = readFileSync(join(UPSTREAM, "config.yaml"), "utf8");
  const path = join(dir, "config.yaml");
  writeFileSync(path, configText ? configText(original) : original);
  return path;
}
