// Slot values that do not read as a noun phrase, put where a template wants one: defined from the
// reply text and the user's request alone, independently of the engine code that cuts the slots.

// "the handle the distinction:": a determiner, one word, a determiner, a word, then the end of the
// phrase. A relative clause ("the part the other steps depend on") goes on with its verb instead.
// "shifts the answer a little" is an adverb after the object.
const DETERMINER_TWICE =
  /\b(?:the|a|an) [a-z]+ (?:the|a|an) (?!little\b|bit\b|lot\b)[a-z]+(?=[:?!.,;]|\s+(?:clearer|came)\b)/;
// What is left of a verb phrase when its verb is cut: "here's sense of …" ("make sense of"), "Whether
// less expensive to fly …" ("is it cheaper to fly").
const VERB_LEFTOVER =
  /(?<!\b(?:make|makes|making|made|a|the|some|any|good|common|your|my|no|real|better|clear)\s)\bsense of\b|\bwhether (?:less|more) [a-z]+ to\b|\bwhether [a-z]+er to\b/i;
// A slot saying back the template's own words: "When time is short on time".
const SAID_BACK = /\b(?!(?:this|that|them|what|there|here)\b)([a-z]{4,}) (?:is|are) (?:[a-z]+ ){1,3}\1\b/i;

/**
 * The places a reply says a request slot that is not a noun phrase: a determiner before a verb
 * ("the handle the distinction"), an article before the head of an "of" phrase cut from its
 * complement ("a power" for "a power of attorney"), a number before a verb ("1 differ" for "a
 * durable one differ"), leftovers of a verb phrase ("sense of", "whether less expensive to"), the
 * template's words said back ("time is short on time").
 */
export function fragmentSlots(reply: string, source: string): string[] {
  const prose = reply.replace(/```[\s\S]*?```/g, "");
  const out: string[] = [];
  for (const re of [DETERMINER_TWICE, VERB_LEFTOVER, SAID_BACK]) {
    const m = re.exec(prose);
    if (m !== null) out.push(m[0]);
  }
  // "a power of attorney" said as "a power": the request never says the word without its "of", and
  // the "of" names a kind (one bare word), not a measure ("a week of dinners", "a family of five").
  for (const m of source.matchAll(/\b(an?) ([a-z]{3,}) of [a-z]+(?=[,.?!;]| and\b| or\b)/gi)) {
    const word = (m[2] as string).toLowerCase();
    if (new RegExp(`\\b${word}\\b(?! of)`, "i").test(source.replace(m[0], ""))) continue;
    const cut = new RegExp(`\\ban? ${word}\\b(?! of\\b)`, "i").exec(prose);
    if (cut !== null) out.push(cut[0]);
  }
  // "a durable one differ" said as "1 differ": "one" after a determiner is a pronoun, not a count.
  for (const m of source.matchAll(
    /\b(?:a|an|the|this|that|each|which)(?: [a-z]+)? (?:one|1) ([a-z]{3,})\b/gi,
  )) {
    const said = new RegExp(`(?<![\\w.,])1 ${m[1]}\\b`).exec(prose);
    if (said !== null) out.push(said[0]);
  }
  return out;
}
