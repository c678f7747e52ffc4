import { DataError } from "../errors.js";
import type { Edit } from "../noise/edits.js";

/** A piece of an inline diff: kept text, text the noise removed, or text it put in. */
export type DiffPart = { kind: "same" | "del" | "ins"; text: string };

/**
 * The clean → noisy diff of one user prompt, built from the distractor's edit records when they
 * rebuild the noisy text exactly, otherwise from a word diff (semantic rewrites carry no edits).
 */
export function promptDiff(
  clean: string,
  noisy: string,
  edits: readonly Edit[] | undefined,
): { parts: DiffPart[]; from: "edits" | "words" } {
  if (edits && edits.length > 0) {
    try {
      const parts = diffFromEdits(clean, edits);
      if (visibleText(parts) === noisy) return { parts, from: "edits" };
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
    }
  }
  return { parts: wordDiff(clean, noisy), from: "words" };
}

/** The noisy side of a diff: what the assistant saw. */
export function visibleText(parts: readonly DiffPart[]): string {
  return parts
    .filter((p) => p.kind !== "del")
    .map((p) => p.text)
    .join("");
}

/** The clean side of a diff. */
export function cleanText(parts: readonly DiffPart[]): string {
  return parts
    .filter((p) => p.kind !== "ins")
    .map((p) => p.text)
    .join("");
}

/**
 * Replays the edits on the clean text, keeping what each one removed: edits are ordered and each is
 * positioned in the text as it was right after the edits before it (see noise/edits.ts), which is the
 * visible (non-deleted) text of the parts built so far. Throws DataError when an edit does not match.
 */
export function diffFromEdits(clean: string, edits: readonly Edit[]): DiffPart[] {
  let parts: DiffPart[] = clean === "" ? [] : [{ kind: "same", text: clean }];
  for (const edit of edits) parts = applyToParts(parts, edit);
  return normalise(parts);
}

function applyToParts(parts: DiffPart[], edit: Edit): DiffPart[] {
  const visible = visibleText(parts);
  if (edit.position < 0 || !visible.startsWith(edit.before, edit.position)) {
    throw new DataError(`edit by "${edit.strategy}" at ${edit.position} does not match the text`);
  }
  const out: DiffPart[] = [];
  const start = edit.position;
  const end = start + edit.before.length;
  let at = 0; // visible offset at the start of the current part
  let inserted = false;
  const insert = () => {
    if (!inserted && edit.after !== "") out.push({ kind: "ins", text: edit.after });
    inserted = true;
  };
  for (const part of parts) {
    if (part.kind === "del") {
      out.push(part);
      continue;
    }
    const from = at;
    const to = at + part.text.length;
    at = to;
    // The part split into: before the edit, inside the removed range, after it.
    const head = part.text.slice(0, Math.max(0, Math.min(to, start) - from));
    const middle = part.text.slice(Math.max(0, start - from), Math.max(0, Math.min(to, end) - from));
    const tail = part.text.slice(Math.max(0, end - from));
    if (head) out.push({ kind: part.kind, text: head });
    if (middle && part.kind === "same") out.push({ kind: "del", text: middle });
    // Text the noise itself put in and now takes out again leaves no trace.
    if (to >= end && (tail || to === end)) insert();
    if (tail) out.push({ kind: part.kind, text: tail });
  }
  insert();
  return out;
}

/** Merges neighbours and writes each change as its removed text, then its inserted text. */
function normalise(parts: readonly DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let del = "";
  let ins = "";
  const flush = () => {
    if (del) out.push({ kind: "del", text: del });
    if (ins) out.push({ kind: "ins", text: ins });
    del = "";
    ins = "";
  };
  for (const part of parts) {
    if (part.text === "") continue;
    if (part.kind === "del") del += part.text;
    else if (part.kind === "ins") ins += part.text;
    else {
      flush();
      const last = out[out.length - 1];
      if (last?.kind === "same") last.text += part.text;
      else out.push({ kind: "same", text: part.text });
    }
  }
  flush();
  return out;
}

/** Words, runs of spaces and single punctuation marks: the units a reader sees change. */
const TOKEN = /\s+|[\p{L}\p{N}_'’-]+|[^\s\p{L}\p{N}_'’-]/gu;

/** Beyond this many cells the LCS table is not worth it: the changed middle is shown replaced whole. */
const MAX_CELLS = 250_000;

/** A word-level diff (longest common subsequence of tokens), for noise recorded without edits. */
export function wordDiff(clean: string, noisy: string): DiffPart[] {
  const a = clean.match(TOKEN) ?? [];
  const b = noisy.match(TOKEN) ?? [];
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  )
    suffix++;
  const parts: DiffPart[] = [{ kind: "same", text: a.slice(0, prefix).join("") }];
  const midA = a.slice(prefix, a.length - suffix);
  const midB = b.slice(prefix, b.length - suffix);
  if (midA.length * midB.length > MAX_CELLS) {
    parts.push({ kind: "del", text: midA.join("") }, { kind: "ins", text: midB.join("") });
  } else {
    parts.push(...lcsParts(midA, midB));
  }
  parts.push({ kind: "same", text: a.slice(a.length - suffix).join("") });
  return normalise(parts);
}

function lcsParts(a: readonly string[], b: readonly string[]): DiffPart[] {
  const n = a.length;
  const m = b.length;
  // lengths[i * (m + 1) + j]: LCS length of a[i..] and b[j..].
  const lengths = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * (m + 1) + j] =
        a[i] === b[j]
          ? (lengths[(i + 1) * (m + 1) + j + 1] as number) + 1
          : Math.max(lengths[(i + 1) * (m + 1) + j] as number, lengths[i * (m + 1) + j + 1] as number);
    }
  }
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      parts.push({ kind: "same", text: a[i] as string });
      i++;
      j++;
    } else if ((lengths[(i + 1) * (m + 1) + j] as number) >= (lengths[i * (m + 1) + j + 1] as number)) {
      parts.push({ kind: "del", text: a[i++] as string });
    } else {
      parts.push({ kind: "ins", text: b[j++] as string });
    }
  }
  while (i < n) parts.push({ kind: "del", text: a[i++] as string });
  while (j < m) parts.push({ kind: "ins", text: b[j++] as string });
  return parts;
}
