import type { RequestKind } from "../../text/request-analysis.js";

/**
 * The phrase pools of the offline assistant. Slots: `{T}` the topic as said back to the user, `{S}`
 * its head noun phrase (or "this"), `{X}` one specific the user gave (a number, name or quote, kept
 * exactly), `{J}`/`{G}` a technical term and its gloss, `{A}`/`{B}` the two options of a comparison
 * (`{a}`/`{b}` as they read inside a sentence),
 * `{P}`/`{R}` two qualities, `{D}` a duration and `{M}` an amount of money the user gave. A template that needs a slot is only drawn when that slot has a value.
 */

/** Openers by kind, for a topic that reads as a noun phrase ("about {T}"). */
export const INTRO_NOUN: Readonly<Record<RequestKind, readonly string[]>> = {
  explain: [
    "Here's a clear explanation of {T}.",
    "Let me break down {T}.",
    "Good question. Here's how {T} works, in a nutshell:",
  ],
  write: ["Here's a draft of {T}.", "Sure, here's {T} you can adapt:", "Here's a first version of {T}:"],
  fix: [
    "Let's sort out {T}.",
    "Here's how I'd troubleshoot {T}:",
    "That's a common problem. Here's how to fix {T}:",
  ],
  compare: [
    "Here's how {T} breaks down.",
    "Let's compare them side by side.",
    "Short version: it depends on what you value most. Here's {T}:",
  ],
  plan: [
    "Here's a plan for {T}.",
    "Let's map out {T} in phases:",
    "Here's a simple, realistic plan for {T}:",
  ],
  list: ["Here are some ideas for {T}:", "A few options for {T}:", "Here's a starting list for {T}:"],
  calculate: [
    "Let's work through {T} step by step.",
    "Here's how to calculate {T}:",
    "Let's run the numbers on {T}:",
  ],
  summarize: ["Here's a summary of {T}.", "In short, {T} comes down to a few points:", "The gist of {T}:"],
  translate: [
    "Here's the translation of {T}.",
    "Here's {T}, translated:",
    "Sure, here's how {T} reads in translation:",
  ],
  recommend: [
    "Here are my recommendations for {T}.",
    "Based on what you described, here's what I'd look at for {T}:",
    "A few solid picks for {T}:",
  ],
  review: [
    "Here's my feedback on {T}.",
    "Here's a tightened version, with notes on {T}:",
    "A few suggestions to improve {T}:",
  ],
  howto: ["Here's how to handle {T}.", "Here's the approach for {T}:", "Let's go through {T} step by step:"],
  yesno: [
    "Short answer on {T}: it depends, but usually yes.",
    "Here's the honest answer on {T}:",
    "It can be, with a few caveats. On {T}:",
  ],
  general: ["Here's what I'd suggest on {T}.", "Here's how I'd think about {T}:", "A few thoughts on {T}:"],
};

/** Openers for a topic that is an action ("undo your last git commit"). */
export const INTRO_ACTION: readonly string[] = [
  "Here's how to {T}.",
  "To {T}, follow these steps:",
  "Sure. You can {T} in a few steps:",
  "Good news: it's straightforward to {T}. Here's how:",
];

/** Openers that need no topic phrase. */
export const INTRO_PLAIN: Readonly<Record<RequestKind, readonly string[]>> = {
  explain: ["Good question. Here's the short explanation:", "Here's how it works:", "Let me explain."],
  write: [
    "Here's a draft you can adapt:",
    "Sure, here's a first version:",
    "Here's something to start from:",
  ],
  fix: [
    "Let's get this sorted.",
    "Here's how I'd narrow it down:",
    "That sounds frustrating. Here's where I'd look:",
  ],
  compare: [
    "Both have their place. Here's how they compare:",
    "It depends on your priorities. Side by side:",
    "Here's the comparison:",
  ],
  plan: ["Here's a realistic plan:", "Let's break it into phases:", "Here's a plan you can start this week:"],
  list: ["Here are some ideas:", "A few options to consider:", "Here's a starting list:"],
  calculate: ["Let's work it out:", "Here's the calculation:", "Let's run the numbers:"],
  summarize: ["Here's the summary:", "In short:", "The key points:"],
  translate: ["Here's the translation:", "Translated:", "Here it is:"],
  recommend: ["Here's what I'd recommend:", "A few solid options:", "Based on what you described:"],
  review: ["Here's my feedback:", "A few suggestions:", "Here's what I'd change:"],
  howto: ["Here's how to do it:", "Follow these steps:", "Here's the approach:"],
  yesno: [
    "Short answer: usually yes, with a few caveats.",
    "Short answer: it depends, but mostly no.",
    "Short answer: yes, if you do it carefully.",
  ],
  general: ["Here's what I'd suggest:", "A few thoughts:", "Here's how I'd approach it:"],
};

/** Openers for a yes/no question whose topic is a clause ("whether {T}"). */
export const INTRO_WHETHER: readonly string[] = [
  "Short answer on whether {T}: usually yes, with a few caveats.",
  "Whether {T} depends on a couple of things, but in most cases, yes.",
  "On whether {T}: it's usually fine, but check these points first.",
];

/** Body points by kind. */
export const ITEMS: Readonly<Record<RequestKind, readonly string[]>> = {
  explain: [
    "**The core idea:** {S} comes down to one mechanism, and once that clicks the rest follows.",
    "**Why it matters:** it decides how {S} behaves in practice, not just in theory.",
    "**A common misconception:** people treat it as one thing, but it's really a few related pieces.",
    "**How it plays out:** start from the simplest case, then add one complication at a time.",
    "**Where you'll notice it:** mostly when something changes or goes wrong.",
    "**Rule of thumb:** if you can explain it with an everyday analogy, you understand it well enough.",
    "**In your case:** {X} is exactly the detail that makes this interesting.",
  ],
  write: [
    "**Opening:** lead with the point, not the preamble.",
    "**Specifics:** it keeps {X} exactly as you gave it, so nothing gets lost.",
    "**Tone:** friendly but direct; adjust a word or two if it should sound more formal.",
    "**Length:** short enough to read in under a minute.",
    "**Ending:** it closes with one clear next step for the reader.",
    "**Easy to adapt:** swap the bracketed parts for your own details.",
  ],
  fix: [
    "Check exactly when it happens and when it doesn't; the pattern usually points to the cause.",
    "Rule out the simple things first, since they cause most of these problems.",
    "Change one thing at a time, so you know what actually helped.",
    "Look closely at {X}; that detail is the most likely clue.",
    "Undo the most recent change and see whether the problem goes away.",
    "Once it's fixed, note what you did so it doesn't come back.",
    "If it gets worse or doesn't improve, get someone qualified to look at it.",
  ],
  compare: [
    "**{A}:** better when you want {P}; the trade-off is less {R}.",
    "**{B}:** better when {R} matters more than {P}.",
    "**Key difference:** {a} optimises for {P}, {b} for {R}.",
    "**Cost and effort:** {a} is usually quicker to start with; {b} pays off over time.",
    "**My pick:** if you're unsure, start with {a}; it's easier to switch later than to undo.",
    "**Deciding factor:** {X} tips the balance, so weigh that first.",
    "**Over {D}:** the difference adds up, so think about the long run.",
  ],
  plan: [
    "**Phase 1, prepare:** get clear on the goal and gather what you need.",
    "**Phase 2, build up:** start small and increase gradually rather than all at once.",
    "**Phase 3, follow through:** keep a steady routine and track progress weekly.",
    "**Timeline:** fit it into {D}, with a small buffer at the end.",
    "**Keep in mind:** {X} shapes how ambitious each phase can be.",
    "**Checkpoints:** review what's working every week and adjust.",
    "**Fallback:** if you miss a step, pick up where you left off instead of restarting.",
  ],
  list: [
    "A classic option: simple, proven and easy to start with.",
    "A bolder angle: flip the usual approach and see what happens.",
    "A low-effort option you can try this week.",
    "A budget-friendly version that still does the job.",
    "Something that works well for a group.",
    "A longer-term option that pays off later.",
    "One built around {X}, since you mentioned it.",
  ],
  calculate: [
    "**Inputs:** start from the numbers you have and write them down with their units.",
    "**Your numbers:** {X} goes in first; everything else follows from it.",
    "**Formula:** apply the standard formula one step at a time.",
    "**Units:** keep them consistent throughout; most mistakes happen there.",
    "**Check:** sanity-check the result against a rough estimate.",
    "**Rounding:** round only at the end, not in the middle steps.",
  ],
  summarize: [
    "**Main point:** the central claim, stated plainly.",
    "**Supporting ideas:** the two or three arguments that hold it up.",
    "**What's left out:** the nuances a quick read tends to miss.",
    "**Why it matters:** what it means for you in practice.",
    "**Key detail:** {X}.",
  ],
  translate: [
    "Word order changes a little, so it won't map word for word.",
    "I kept the tone neutral; say if it should be more formal or more casual.",
    "Names and numbers stay as they are.",
    "One phrase has no exact equivalent, so I used the closest natural one.",
    "I kept {X} exactly as written.",
  ],
  recommend: [
    "**Top pick:** the option that balances quality and price best.",
    "**Budget option:** good enough for most people, at a lower cost.",
    "**If quality matters most:** spend a little more on the premium choice.",
    "**What to check first:** reviews from people with the same needs as you.",
    "**Keep in mind:** {X} narrows the field quite a bit.",
    "**Budget:** everything here can fit within {M} if you skip the extras.",
    "**Skip:** anything that looks great on paper but has poor support.",
  ],
  review: [
    "**What works:** the core message is clear.",
    "**What to tighten:** cut filler words and repeated ideas.",
    "**Structure:** put the most important point first.",
    "**Specifics:** keep {X}; concrete details make it stronger.",
    "**Final pass:** read it aloud once; awkward spots jump out.",
  ],
  howto: [
    "Check where you're starting from, so you know what needs to change.",
    "Get the one thing you need first, so nothing blocks you halfway through.",
    "Do the main step slowly the first time, then check the result.",
    "Keep {X} in mind as you go; it changes the details.",
    "Check the result before moving on; small mistakes are easier to undo early.",
    "Note what worked, so next time takes half as long.",
  ],
  yesno: [
    "**When it's fine:** in most everyday situations.",
    "**When to be careful:** if the stakes are high or the situation is unusual.",
    "**What I'd do:** start with the safe option and adjust from there.",
    "**About {X}:** that detail matters here, so factor it in.",
    "**Red flag:** if anything feels off, stop and check before going further.",
  ],
  general: [
    "Start with what matters most to you and work outward.",
    "Keep it simple at first; you can always add more later.",
    "Take {X} into account; it shapes the best option.",
    "Talk to someone who has done it before, if you can.",
    "Give it a short trial before committing fully.",
    "Write down the decision and why, so you can revisit it later.",
  ],
};

/** Extra sentences for long answers, appended to points. */
export const ELABORATIONS: readonly string[] = [
  "This matters more than it looks.",
  "It's a small thing that makes a big difference.",
  "Most people underestimate this one.",
  "It's worth a few extra minutes.",
  "Getting this right makes everything after it easier.",
  "You'll notice the difference quickly.",
];

/** A technical aside for points, when jargon is welcome. */
export const JARGON_POINTS: readonly string[] = [
  "**Under the hood:** it comes down to what specialists call {J}.",
  "**Technically:** the key concept is {J}; it's the usual source of surprises.",
  "**Worth knowing:** the relevant term here is {J}.",
];

/** The plain-language aside, when the user asked for plain words. */
export const PLAIN_POINTS: readonly string[] = [
  "**In plain terms:** do the simple version first, check it works, then improve it.",
  "**Put simply:** small, careful steps beat one big change.",
];

/** Example lines, when examples are wanted. */
export const EXAMPLE_LINES: readonly string[] = [
  "**Example:** say you start with {X}; apply the first two points and compare the result with where you began.",
  "**For example:** with {X}, the first step alone usually makes the biggest difference.",
  "**Example:** imagine a typical case. Apply the points above in order and you'll see how each one changes the outcome.",
];

/** Closing offers by kind. */
export const CLOSINGS: Readonly<Record<RequestKind, readonly string[]>> = {
  explain: [
    "Want me to go deeper on any of these points?",
    "Happy to give a concrete example if that helps.",
    "Should I explain any part in simpler terms?",
  ],
  write: [
    "Want a shorter or more formal version?",
    "I can adjust the tone if it doesn't sound like you.",
    "Want me to tailor it to a specific reader?",
  ],
  fix: [
    "If it still fails, share the exact error and I'll take another look.",
    "Let me know what you see after trying these.",
    "Tell me which step changes things and we'll go from there.",
  ],
  compare: [
    "Want me to put this in a table?",
    "Tell me your priorities and I'll make a recommendation.",
    "Want a quick verdict for your specific case?",
  ],
  plan: [
    "Want me to turn this into a checklist?",
    "I can adjust the pace if it's too much or too little.",
    "Want a week-by-week version?",
  ],
  list: [
    "Want more ideas in any of these directions?",
    "Tell me which ones you like and I'll expand on them.",
    "Want me to narrow this down to the top three?",
  ],
  calculate: [
    "Share your exact numbers and I'll run them for you.",
    "Want me to check a different scenario?",
    "I can lay this out as a small table if that helps.",
  ],
  summarize: [
    "Want a longer version with more detail?",
    "I can pull out quotes or key figures if needed.",
    "Want it as bullet points for a slide?",
  ],
  translate: [
    "Want a more formal or a more casual version?",
    "I can explain any of the word choices.",
    "Want the pronunciation too?",
  ],
  recommend: [
    "Tell me your budget and I'll narrow it down.",
    "Want a quick comparison of the top two?",
    "Happy to suggest alternatives if none of these fit.",
  ],
  review: [
    "Want me to do another pass after your edits?",
    "I can make it shorter still if you need.",
    "Want a version with a different tone?",
  ],
  howto: [
    "Let me know if you get stuck on any step.",
    "Want a checklist version to follow along?",
    "Tell me your setup and I'll adjust the steps.",
  ],
  yesno: [
    "Tell me more about your situation and I can be more specific.",
    "Want the reasoning in more detail?",
    "Happy to look at your specific case.",
  ],
  general: [
    "Want me to go into more detail on any of this?",
    "Tell me more and I'll tailor it.",
    "Happy to help with the next step.",
  ],
};

/** Qualities a comparison weighs. */
export const QUALITIES: readonly string[] = [
  "simplicity",
  "flexibility",
  "lower upfront cost",
  "long-term value",
  "speed",
  "control",
  "predictability",
  "less maintenance",
  "convenience",
  "reliability",
];

/** Lines citing where to check, when sources are wanted. */
export const SOURCE_LINES: readonly string[] = [
  "_Sources:_ check the official documentation or guidance for {S} before relying on the details.",
  "_Where to verify:_ the primary source (official docs, the regulator or the publisher) is the safest reference.",
];
