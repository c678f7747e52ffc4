/**
 * Word-level helpers shared by the offline generators: an English stop-word list (with chat fillers
 * and contractions) and a light stemmer.
 */

/** Function words and chat filler: words whose loss does not change what a request asks. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all also am an and any are aren't as at be because been before " +
    "being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't " +
    "down during each either etc few for from further had hadn't has hasn't have haven't having he he'd " +
    "he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is " +
    "isn't it it's its itself just let's me more most mustn't my myself no nor not of off on once only or " +
    "other ought our ours ourselves out over own same shan't she she'd she'll she's should shouldn't so " +
    "some such than that that's the their theirs them themselves then there there's these they they'd " +
    "they'll they're they've this those through to too under until up very was wasn't we we'd we'll we're " +
    "we've were weren't what what's when when's where where's which while who who's whom why why's will " +
    "with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves " +
    // chat filler, hedges, courtesy and their text-speak
    "hi hello hey heya hiya yo ok okay so well really actually basically honestly just maybe perhaps " +
    "please pls plz thanks thank thx ty kindly quite pretty rather somewhat like um uh lol haha " +
    "u ur r w w/ bc b4 rn tbh idk imo gonna wanna kinda gotta dunno tho thru " +
    "something smth anything everything someone anyone everyone thing things stuff " +
    "would could might may must shall also even still yet already ever wondering " +
    "get got getting much many"
  ).split(" "),
);

/** True for a stop word (lower-case input). */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/**
 * A light stem: possessive `'s`, plural `s`/`es`/`ies`, `-ing` and `-ed` removed (with a doubled final
 * consonant undone) and a final `e` dropped, so `behaves`, `behaved`, `behaving` and `behave` meet.
 * Numbers and short words are kept as they are.
 */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/’/g, "'");
  if (/\d/.test(w) || w.length <= 3) return w;
  w = w.replace(/'s$/, "");
  if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(?:ss|us|is)$/.test(w)) {
    // glass, status, analysis: not plurals
  } else if (/(?:ches|shes|xes|sses|zes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith("s") && w.length > 3) w = w.slice(0, -1);
  if (w.endsWith("ing") && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith("ed") && w.length > 4) w = undouble(w.slice(0, -2));
  if (w.endsWith("e") && w.length > 3) w = w.slice(0, -1);
  if (w.endsWith("y") && w.length > 3) w = `${w.slice(0, -1)}i`;
  return w;
}

function undouble(w: string): string {
  return /([b-df-hj-np-tv-z])\1$/.test(w) && !/(?:ll|ss|zz|ff)$/.test(w) ? w.slice(0, -1) : w;
}
