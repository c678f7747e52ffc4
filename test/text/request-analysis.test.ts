import assert from "node:assert/strict";
import { test } from "node:test";
import { analyzeRequest, headPhrase } from "../../src/text/request-analysis.js";
import { readUserText } from "../../src/text/user-text.js";
import { seedQueries } from "../offline/conversation-fixtures.js";

const read = (text: string) => analyzeRequest(readUserText(text));

test("a follow-up that thanks first and goes on with 'and' asks about its own words", () => {
  assert.equal(read("thanks! and what should I avoid?").topic, "what to avoid");
  assert.equal(read("Thanks, and what should we bring?").topic, "what to bring");
  assert.equal(read("ok thanks. also, how do I keep it fresh?").topic, "keep it fresh");
});

test("a greeting, thanks or a hedge before a request changes neither its kind nor its topic", () => {
  // The openers the style transfer and the simulated user put before a request.
  const leads = [
    "Hi!",
    "hi! thanks so much.",
    "Hope your day's going well!",
    "Hope all is well!",
    "I hope this message finds you well.",
    "Good afternoon.",
    "thanks!",
    "Hey,",
    "Quick question:",
    "ok so,",
    "Sorry if this is a silly question, but",
  ];
  const changed: string[] = [];
  for (const query of seedQueries()) {
    const plain = read(query);
    for (const lead of leads) {
      const joined = /[,:]$|but$/.test(lead) ? query[0]?.toLowerCase() + query.slice(1) : query;
      const led = read(`${lead} ${joined}`);
      if (led.kind !== plain.kind || led.topic.toLowerCase() !== plain.topic.toLowerCase())
        changed.push(`${lead} ${query.slice(0, 50)}: ${led.kind} "${led.topic}"`);
    }
  }
  assert.deepEqual(changed.slice(0, 10), []);
});

test("request verbs of several words and advice frames are read as the request", () => {
  const weigh = read("Weigh up the avalanche and snowball methods for paying off three cards.");
  assert.deepEqual(
    [weigh.kind, weigh.topic],
    ["compare", "the avalanche and snowball methods for paying off three cards"],
  );
  const tips = read("Any pointers on how to pick shows out of thousands?");
  assert.deepEqual([tips.topic, tips.topicIsAction], ["pick shows out of thousands", true]);
  assert.equal(read("Could you help me understand compound interest?").topic, "compound interest");
  assert.equal(
    read("What would you advise me to ask before signing a lease?").topic,
    "what to ask before signing a lease",
  );
  assert.equal(
    read("Good afternoon. I would like to know the steps to sort out a clean-up day.").topic,
    "the steps to sort out a clean-up day",
  );
});

test("a topic too long to keep whole is cut where a phrase ends, not inside a clause", () => {
  assert.equal(
    read(
      "Draft a backstory for my Dungeons & Dragons character, a half-elf bard who used to be a royal court musician.",
    ).topic,
    "a backstory for my Dungeons & Dragons character, a half-elf bard",
  );
  const long = read(
    "what are the trade-offs between becoming a CPA and earning the CFA charter for somebody who wants corporate finance?",
  ).topic;
  assert.ok(!/\b(?:who|which|that|for|with|to|of)$/.test(long), long);
});

test("a yes/no question is about the thing it asks about, not its predicate", () => {
  assert.equal(read("Is antivirus software on a Mac really needed?").topic, "antivirus software on a Mac");
  assert.equal(headPhrase("the trade-offs between renting and buying"), undefined);
  // The head noun stops before the verb: not "my Bluetooth headphones connect".
  assert.equal(headPhrase("My Bluetooth headphones connect to my laptop"), "My Bluetooth headphones");
});

test("a sentence stating the user's goal is not the request; 'am I able to' reads as 'can I'", () => {
  const led = read(
    "I'm trying to weigh up my options. What would you advise me to know before adopting a retired greyhound?",
  );
  assert.equal(led.topic, "what to know before adopting a retired greyhound");
  assert.equal(
    read("Am I able to use a short clip of a song in my video?").topic,
    "I can use a short clip of a song in my video",
  );
});

test("an emoji before the request is no part of it; converting code is writing it", () => {
  assert.equal(
    read("I want it fair. 😬 How to balance enemy scaling against upgrades?").topic,
    "balance enemy scaling against upgrades",
  );
  assert.equal(
    read('convert this bash loop to PowerShell: for f in *.log; do gzip "$f"; done').kind,
    "write",
  );
});
