/**
 * The request's topic as an opening sentence says it back ("Here's how to approach {T}"), or
 * undefined when what the topic extraction cut out does not read as a topic: a request word or a
 * capitalised common word first ("Need 150-word bio …", "Best way to set up …", "Let you know what
 * …"), a bare pointer ("something", "that permitted"). A closing "please" or "asap" is dropped, and
 * so is "you think" before a yes/no clause ("whether you think chicken is safe" → "whether chicken is
 * safe"). Then the opening says no topic rather than a fragment.
 */

const CLOSING = /(?:\s+(?:please|pls|plz|asap|rly|tbh|thanks|thx|lol))+$/i;
const OPINION = /^(?:you (?:think|reckon|believe|feel|know)|in your (?:view|opinion))(?: that)?\s+/i;
const REQUEST_WORD =
  /^(?:need|needs|get|let|help|think|make|find|know|tell|any|best|quick|looking|rly|pls|please|can|could|would|want|wanna)\b/i;
const POINTER = /^(?:something|anything|that|this|it|these|those)\b/i;

/** The topic to open with (see the module comment); `names`: the request's names, which keep a capital. */
export function introTopic(topic: string, names: readonly string[]): string | undefined {
  const said = topic.replace(CLOSING, "").replace(OPINION, "").trim();
  if (said === "" || REQUEST_WORD.test(said) || !readsAsNounPhrase(said)) return undefined;
  if (POINTER.test(said) && said.split(/\s+/).length <= 3) return undefined;
  const first = /^[\p{L}'’-]+/u.exec(said)?.[0] ?? "";
  const capital = /^\p{Lu}\p{Ll}/u.test(first);
  if (capital && first !== "I" && !names.some((n) => n.split(" ")[0] === first)) return undefined;
  return said;
}

const CAPITAL_DETERMINER = /^(?:The|A|An|This|That|These|Those|Some|Any|Your)\b/;

/**
 * A noun phrase cut from the request as a reply says it mid-sentence: without a closing "please",
 * its determiner in lower case ("The goal is …" gives "the goal", not "for The goal").
 */
export function midSentencePhrase(phrase: string): string {
  const said = phrase.replace(CLOSING, "").trim();
  if (said === "") return phrase;
  return CAPITAL_DETERMINER.test(said) ? said[0]!.toLowerCase() + said.slice(1) : said;
}

// What is left of a verb phrase whose verb was cut ("make sense of entropy" → "sense of entropy",
// "is it cheaper to fly" → "less expensive to fly"); a determiner before a verb or another determiner
// ("the handle the distinction"); a "1" after a determiner and an adjective, which is the pronoun
// "one" typed as a digit ("a durable 1 differ").
const VERB_LEFTOVER = /^(?:sense of|(?:less|more) [a-z]+ to|[a-z]+er to)\b/i;
const DETERMINER_TWICE = /\b(?:the|a|an) [\p{L}'’-]+ (?:the|a|an)\b/iu;
const PRONOUN_ONE = /\b(?:a|an|the|this|that|which|every|another) [\p{L}'’-]+ 1\b/iu;

/**
 * False when a phrase cut from the request does not read as a noun phrase (see above), so a template
 * that puts it where a noun phrase goes is not used with it.
 */
export function readsAsNounPhrase(phrase: string): boolean {
  return !VERB_LEFTOVER.test(phrase) && !DETERMINER_TWICE.test(phrase) && !PRONOUN_ONE.test(phrase);
}
