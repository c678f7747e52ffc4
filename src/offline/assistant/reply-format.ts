/** Layout and register helpers of the offline assistant: lists, tables, formal wording. */

/** How body points are laid out. */
export type Layout = "numbered" | "bullets" | "checklist" | "paragraphs" | "table";

const LABELLED = /^\*\*([^*]{2,60}?):\*\*\s*(.*)$/;

/** Splits `**Label:** text` into its parts; no label gives `[undefined, text]`. */
export function splitLabel(item: string): [string | undefined, string] {
  const m = LABELLED.exec(item);
  return m === null ? [undefined, item] : [m[1], m[2] ?? ""];
}

/** Lays points out as a list, a checklist, a two-column table or a paragraph. */
export function renderItems(items: readonly string[], layout: Layout): string {
  switch (layout) {
    case "numbered":
      return items.map((item, i) => `${i + 1}. ${item}`).join("\n");
    case "checklist":
      return items.map((item) => `- [ ] ${item.replace(/\*\*/g, "")}`).join("\n");
    case "paragraphs":
      return items
        .map((item) => {
          const [label, text] = splitLabel(item);
          return label === undefined ? text : `${label}: ${lowerFirst(text)}`;
        })
        .join(" ");
    case "table": {
      const rows = items.map((item, i) => {
        const [label, text] = splitLabel(item);
        return `| ${label ?? `Point ${i + 1}`} | ${text.replace(/\|/g, "/")} |`;
      });
      return ["| Point | Details |", "| --- | --- |", ...rows].join("\n");
    }
    default:
      return items.map((item) => `- ${item}`).join("\n");
  }
}

function lowerFirst(text: string): string {
  // Keep acronyms and names ("SQL", "Flask") as they are.
  if (text.length < 2 || /^[A-Z][A-Z]/.test(text) || !/^[A-Z][a-z]/.test(text)) return text;
  const word = /^[A-Za-z]+/.exec(text)?.[0] ?? "";
  return word === "I" ? text : text[0]!.toLowerCase() + text.slice(1);
}

const EXPANSIONS: Readonly<Record<string, string>> = {
  "here's": "here is",
  "let's": "let us",
  "it's": "it is",
  "you're": "you are",
  "don't": "do not",
  "doesn't": "does not",
  "that's": "that is",
  "i'd": "I would",
  "i'll": "I will",
  "i'm": "I am",
  "you'll": "you will",
  "won't": "will not",
  "can't": "cannot",
  "isn't": "is not",
  "what's": "what is",
  "there's": "there is",
  "you've": "you have",
  "we'll": "we will",
};
const CONTRACTION =
  /\b(?:here's|let's|it's|you're|don't|doesn't|that's|I'd|I'll|I'm|you'll|won't|can't|isn't|what's|there's|you've|we'll)\b/gi;

/**
 * Formal register for the assistant's own words: contractions spelled out, exclamation marks calmed,
 * casual openers swapped. Run it on masked text so the user's quoted words stay as they were.
 */
export function formalize(text: string): string {
  return text
    .replace(CONTRACTION, (word) => {
      const expanded = EXPANSIONS[word.toLowerCase()] ?? word;
      return word[0] === word[0]!.toUpperCase() ? expanded[0]!.toUpperCase() + expanded.slice(1) : expanded;
    })
    .replace(/\bSure[.!,]\s*/g, "Certainly. ")
    .replace(/\bGood news:\s*/g, "")
    .replace(/!(?=\s|$)/g, ".");
}
