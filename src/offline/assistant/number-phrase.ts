import { restore, type UserText } from "../../text/user-text.js";

/**
 * A number of the user's as a slot says it: with the noun it counts or measures ("20-minute
 * stretching routine", "2 young kids", "13.8 billion years"), not cut at the word after it ("Factor
 * in 20-minute", "20 essential matters here"). A slot stands where a noun phrase goes, so a number
 * that names nothing (a bare "0" or "3") is no value for it.
 */

// Words a number's noun phrase ends before: articles, prepositions, conjunctions, pronouns, verbs
// that commonly follow a count ("8 people be seated", "5 months and our blog gets …").
const ENDS_BEFORE = new Set(
  "a an the and or but nor yet of in on at to for with from by is are was were be been being will would can could should may might must do does did has have had who which whose that this these those than then so as if when after before per off each every over under about around plus less more into while since ago no not always never just only still across between among within without like via i me my it its you your we our they their he she his her".split(
    " ",
  ),
);
// A word that describes the thing rather than naming it: a compound, an adjective or participle
// ending, a size, age or order word, a large-number word.
const MODIFIER =
  /^(?:[\w.]+-[\w-]*[^\Ws]|\w+(?:al|ive|ous|ful|ic|able|ible|less|ing|ed|ese|ish|ian)|young|old|new|big|small|large|little|first|second|third|last|next|extra|million|billion|trillion|thousand|hundred|dozen|\d+(?:st|nd|rd|th))$/i;
const PLURAL_HEAD = /^[a-z]{3,}s$/;
const NOT_PLURAL_HEAD = /^(?:is|was|has|does|this|its|us|as|thus|plus|less|unless|always|perhaps)$/;
const WORD = /^ +([A-Za-z][A-Za-z'’-]*)/;
// The number itself, with its symbol or suffix ("$2,100", "24%", "7th", "70s", "2x").
const NUMBER_TOKEN = /^[$€£¥₹]?\d[\d.,]*(?:%|°[CF]?|st|nd|rd|th|s|x|k|m|bn)?/i;
// A number that stands on its own: an amount, a share, a temperature, a decade, a factor, a time,
// a decimal, a range or a date.
const SYMBOL = /^[$€£¥₹]|^\d[\d.,]*(?:%|°[CF]?|s|x|k|m|bn|am|pm)$|\d[.,:/–-]\d/i;
const AGE = /^\d+-(?:year|month|week)-olds?\b/;
const PRONOUN_ONE_BEFORE = /\b(?:a|an|the|this|that|which|every|another)\s+[A-Za-z'’-]+\s+$/i;
const DETERMINERS: Readonly<Record<string, string>> = {
  a: "a",
  an: "an",
  the: "the",
  my: "your",
  our: "your",
  his: "his",
  her: "her",
  their: "their",
};

/**
 * `value` (one of the request's `specificsOf(...).numbers`, as written) with the words after it up to
 * its noun, or undefined when it names nothing: a bare integer with no noun after it. Other numbers
 * with a symbol or a unit stand on their own ("$2,100", "24%", "38.9°C", "70s").
 */
export function numberPhrase(request: UserText, value: string): string | undefined {
  const token = NUMBER_TOKEN.exec(value)?.[0];
  // A version after a name ("Node 20", "iPhone 12") or a code ("1B263B") names a thing already.
  if (token === undefined || /^[^ -]/.test(value.slice(token.length))) return value;
  const text = restore(request.masked, request);
  const at = text.indexOf(value);
  const unit = value.slice(token.length);
  // "a durable 1 differs", "the older 1 has": a "1" after a determiner and an adjective is the
  // pronoun "one" (typed as a digit), not a count of anything.
  if (token === "1" && at > 0 && PRONOUN_ONE_BEFORE.test(text.slice(0, at))) return undefined;
  // A unit joined by a hyphen ("20-minute") describes; a unit word ("8 weeks") may name.
  let named = unit.startsWith(" ") && !MODIFIER.test(unit.trim());
  let phrase = value;
  let rest = at < 0 ? "" : text.slice(at + value.length);
  for (let added = 0; added < 3; added++) {
    const m = WORD.exec(rest);
    const word = m?.[1];
    if (m === null || word === undefined || ENDS_BEFORE.has(word.toLowerCase())) break;
    // After a noun, one more word only as the plural head of a compound ("taxi trips").
    if (named && !(PLURAL_HEAD.test(word) && !NOT_PLURAL_HEAD.test(word))) break;
    phrase += m[0];
    rest = rest.slice(m[0].length);
    if (named) break;
    named = !MODIFIER.test(word);
  }
  // Nothing named: a bare count or a describing word is not a thing ("Build around 3", "the 7th");
  // an age alone names the person ("my 2-year-old has …").
  if (!named && !SYMBOL.test(phrase) && !AGE.test(phrase)) return undefined;
  // The determiner the user gave it, said back ("my 10-year-old" → "your 10-year-old").
  const before = at < 0 ? undefined : /(\w+)\s+$/.exec(text.slice(0, at))?.[1]?.toLowerCase();
  const determiner = before === undefined ? undefined : DETERMINERS[before];
  if (determiner !== undefined) return `${determiner} ${phrase}`;
  if (AGE.test(phrase) || /^\d+(?:st|nd|rd|th)\b/.test(phrase)) return `the ${phrase}`;
  return phrase;
}
