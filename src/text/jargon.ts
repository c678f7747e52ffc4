import { lexicon, scan, scanText } from "./word-table.js";

/**
 * Technical terms the offline assistant may drop into an answer, with a plain-words gloss for each.
 * The assistant uses a term only when the system prompt does not ask for plain language; a novice
 * simulated user who meets one asks what it means, and the assistant answers from the same gloss.
 */

/** A coarse subject area, for picking terms that fit the request. */
export type JargonField = "coding" | "finance" | "health" | "legal" | "data" | "business" | "general";

const TERMS: Readonly<Record<JargonField, ReadonlyArray<readonly [string, string]>>> = {
  coding: [
    ["idempotent", "running it twice has the same effect as running it once"],
    ["race condition", "two things happen at nearly the same time and the result depends on which one wins"],
    ["memoization", "remembering a result so the same work is not done twice"],
    ["stack trace", "the list of function calls that led to the error, newest first"],
    ["regression test", "a test that makes sure an old bug does not come back"],
    ["side effects", "changes a function makes outside its own result, like writing a file"],
    ["eager loading", "fetching related data up front in one go instead of one item at a time"],
  ],
  finance: [
    ["amortization", "paying a loan off in regular instalments that cover interest and part of the balance"],
    ["APR", "the yearly cost of borrowing, including fees, as a percentage"],
    ["liquidity", "how quickly you can turn something into cash without losing value"],
    ["diversification", "spreading money over different things so one bad outcome cannot sink everything"],
    ["opportunity cost", "what you give up by choosing one option over another"],
  ],
  health: [
    ["progressive overload", "making the work a little harder over time so the body keeps adapting"],
    ["RPE", "a 1-to-10 rating of how hard an effort feels"],
    ["deload", "a lighter week that lets the body recover"],
    ["contraindication", "a reason not to use a treatment for a particular person"],
  ],
  legal: [
    ["jurisdiction", "which court or which place's laws apply"],
    ["indemnification", "one side agreeing to cover the other's losses in certain cases"],
    ["statute of limitations", "the deadline for bringing a legal claim"],
    ["due diligence", "the checks you do before committing to a deal"],
  ],
  data: [
    ["imputation", "filling in missing values with reasonable estimates"],
    ["overfitting", "a model that memorises its examples and does badly on new ones"],
    ["confidence interval", "a range that likely contains the true value"],
    ["normalization", "rescaling values so they can be compared fairly"],
  ],
  business: [
    ["unit economics", "how much you earn or lose on each single sale"],
    ["CAC", "what it costs to win one new customer"],
    ["churn", "the share of customers who leave over a period"],
    ["conversion funnel", "the steps people go through from first seeing you to buying"],
  ],
  general: [
    ["trade-offs", "what you give up to get something else"],
    ["root cause", "the underlying reason, not just the symptom"],
    ["first principles", "reasoning from the basic facts rather than from habit"],
    ["feedback loop", "a cycle where the result of an action changes the next action"],
    ["baseline", "the starting measurement you compare later results against"],
  ],
};

const GLOSS: ReadonlyMap<string, string> = new Map(
  Object.values(TERMS).flatMap((list) => list.map(([term, gloss]) => [term.toLowerCase(), gloss] as const)),
);

/** The keyword lists that place a request in a field (also scanned with the request's own lists). */
export const FIELD_LISTS = {
  finance:
    "loan|loans|mortgage|invest*|saving|savings|budget|debt|tax*|retire*|stock|stocks|fund|funds|credit|interest|salary|money|bank",
  health:
    "pain|hurt*|doctor|fever|symptom*|diet|exercise|workout|run|running|squat|sleep|injur*|muscle|muscles|weight|calorie*",
  legal:
    "contract|lease|landlord|lawyer|legal|law|court|sue|clause|copyright|trademark|deed|will|tenant|rights",
  data: "dataset|data set|model|regression|statistic*|analysis|median|mean|survey|sample|column|metric*",
  business:
    "startup|customer|customers|revenue|pricing|sales|marketing|business|company|client|clients|growth|franchis*",
} as const;
const FIELDS = lexicon(FIELD_LISTS);
const FIELD_ORDER = ["finance", "health", "legal", "data", "business"] as const;

/** The field a request belongs to (`coding` when it is about code), from its words. */
export function jargonField(words: readonly string[], coding: boolean): JargonField {
  return coding ? "coding" : fieldFromHits(scan(words, FIELDS), FIELDS.bit);
}

/** {@link jargonField} of a text as written (its words read in one pass). */
export function textField(text: string, coding: boolean): JargonField {
  return coding ? "coding" : fieldFromHits(scanText(text, FIELDS), FIELDS.bit);
}

/** The field from a scan that included {@link FIELD_LISTS} (`bit` maps each field to its bit). */
export function fieldFromHits(
  hits: number,
  bit: Readonly<Record<(typeof FIELD_ORDER)[number], number>>,
): JargonField {
  for (const field of FIELD_ORDER) if ((hits & bit[field]) !== 0) return field;
  return "general";
}

/** The terms of a field with their glosses. */
export function termsOf(field: JargonField): ReadonlyArray<readonly [string, string]> {
  return TERMS[field];
}

/** The plain-words gloss of a known term (any case), or undefined. */
export function glossOf(term: string): string | undefined {
  return GLOSS.get(term.toLowerCase());
}

// Every known term, plus common jargon a real assistant uses, longest first so phrases win.
const OTHER_JARGON = [
  "API",
  "SDK",
  "latency",
  "throughput",
  "schema",
  "refactor",
  "dependency",
  "runtime",
  "middleware",
  "ORM",
  "asynchronous",
  "heuristic",
  "edge cases",
  "leverage",
  "KPI",
  "ROI",
];
const JARGON_SOURCE = [...GLOSS.keys(), ...OTHER_JARGON.map((t) => t.toLowerCase())]
  .sort((a, b) => b.length - a.length)
  .map((t) => t.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&"))
  .join("|");
const JARGON = new RegExp(`\\b(?:${JARGON_SOURCE})\\b`, "i");

/** The first jargon term a text uses, as written there, or undefined. */
export function findJargon(text: string): string | undefined {
  return JARGON.exec(text)?.[0];
}
