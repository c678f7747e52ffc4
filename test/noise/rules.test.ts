import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { abbreviation } from "../../src/noise/rules/abbreviation.js";
import { casing } from "../../src/noise/rules/casing.js";
import { charDouble } from "../../src/noise/rules/char-double.js";
import { charDrop } from "../../src/noise/rules/char-drop.js";
import { charSwap } from "../../src/noise/rules/char-swap.js";
import { contraction } from "../../src/noise/rules/contraction.js";
import { emoji } from "../../src/noise/rules/emoji.js";
import { emotionalAttitude } from "../../src/noise/rules/emotional-attitude.js";
import { filler } from "../../src/noise/rules/filler.js";
import { keyboardTypo } from "../../src/noise/rules/keyboard-typo.js";
import { negativeExpression } from "../../src/noise/rules/negative-expression.js";
import { punctuation } from "../../src/noise/rules/punctuation.js";
import { realLifeFragments } from "../../src/noise/rules/real-life-fragments.js";
import { synonym } from "../../src/noise/rules/synonym.js";
import { truncation } from "../../src/noise/rules/truncation.js";
import { wordDeletion } from "../../src/noise/rules/word-deletion.js";
import { wordInsertion } from "../../src/noise/rules/word-insertion.js";
import { wordSegmentation } from "../../src/noise/rules/word-segmentation.js";
import { wordSwap } from "../../src/noise/rules/word-swap.js";
import { loadStrategyFile } from "../../src/noise/strategy-config.js";
import { UPSTREAM } from "../helpers/paths.js";
import { runRule, words } from "./noise-helpers.js";

const STRATEGY_FILE = `${UPSTREAM}distractor_strategy.yaml`;
const PROMPT = "Can you help me schedule a meeting with the marketing team for tomorrow afternoon?";
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const QWERTY_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

function keyPosition(letter: string): [number, number] {
  for (let row = 0; row < QWERTY_ROWS.length; row++) {
    const col = (QWERTY_ROWS[row] as string).indexOf(letter.toLowerCase());
    if (col >= 0) return [row, col + row * 0.5];
  }
  throw new Error(`not a letter: ${letter}`);
}

function differingPositions(a: string, b: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) out.push(i);
  return out;
}

describe("character-level rules", () => {
  test("keyboard_typo hits a QWERTY neighbour inside a word, keeping the case", () => {
    for (const seed of SEEDS) {
      const { noisy, edits } = runRule(keyboardTypo, PROMPT, { seed, intensity: 0.6 });
      assert.notEqual(noisy, PROMPT);
      assert.equal(words(noisy).length, words(PROMPT).length);
      for (const edit of edits) {
        const diff = differingPositions(edit.before, edit.after);
        assert.equal(diff.length, 1, `${edit.before} → ${edit.after}`);
        const i = diff[0] as number;
        assert.ok(i > 0, "never the first letter");
        const [r1, c1] = keyPosition(edit.before[i] as string);
        const [r2, c2] = keyPosition(edit.after[i] as string);
        assert.ok(
          Math.abs(r1 - r2) <= 1 && Math.abs(c1 - c2) <= 1.5,
          `${edit.before[i]}→${edit.after[i]} are neighbours`,
        );
        const wasUpper = edit.before[i] === (edit.before[i] as string).toUpperCase();
        assert.equal(edit.after[i] === (edit.after[i] as string).toUpperCase(), wasUpper);
      }
    }
  });

  test("char_swap transposes two neighbouring letters of one word", () => {
    for (const seed of SEEDS) {
      const { noisy, edits } = runRule(charSwap, PROMPT, { seed });
      assert.notEqual(noisy, PROMPT);
      for (const edit of edits) {
        const diff = differingPositions(edit.before, edit.after);
        assert.equal(diff.length, 2);
        const [i, j] = diff as [number, number];
        assert.equal(j, i + 1);
        assert.equal(edit.before[i], edit.after[j]);
        assert.equal(edit.before[j], edit.after[i]);
      }
    }
  });

  test("char_drop leaves one letter out of a word, never the first", () => {
    for (const seed of SEEDS) {
      const { noisy, edits } = runRule(charDrop, PROMPT, { seed });
      assert.equal(noisy.length, PROMPT.length - edits.length);
      for (const edit of edits) {
        assert.equal(edit.after.length, edit.before.length - 1);
        assert.equal(edit.after[0], edit.before[0]);
        const i = differingPositions(edit.before, edit.after)[0] as number;
        assert.equal(edit.before.slice(0, i) + edit.before.slice(i + 1), edit.after);
      }
    }
  });

  test("char_double types one letter twice", () => {
    for (const seed of SEEDS) {
      const { noisy, edits } = runRule(charDouble, PROMPT, { seed });
      assert.equal(noisy.length, PROMPT.length + edits.length);
      for (const edit of edits) {
        const i = differingPositions(edit.before, edit.after)[0] as number;
        assert.equal(edit.before.slice(0, i) + (edit.after[i] as string) + edit.before.slice(i), edit.after);
        assert.ok(edit.after[i] === edit.after[i - 1] || edit.after[i] === edit.after[i + 1]);
      }
    }
  });

  test("word_segmentation splits a word with a space or joins two words", () => {
    const split = runRule(wordSegmentation, PROMPT, { params: { mode: "split" } });
    assert.ok(split.edits.length > 0);
    for (const edit of split.edits) {
      assert.equal(edit.after.replace(" ", ""), edit.before);
      assert.match(edit.after, /^\S{2,} \S{2,}$/);
    }
    assert.equal(words(split.noisy).length, words(PROMPT).length + split.edits.length);
    const joined = runRule(wordSegmentation, PROMPT, { params: { mode: "join" } });
    assert.ok(joined.edits.length > 0);
    for (const edit of joined.edits) assert.deepEqual([edit.before, edit.after], [" ", ""]);
    assert.equal(words(joined.noisy).length, words(PROMPT).length - joined.edits.length);
  });
});

describe("casing and punctuation", () => {
  const text = "Hello Anna. Can you send me the API notes? Thanks a lot!";

  test("casing: everything lowercase", () => {
    const { noisy } = runRule(casing, text, { params: { mode: "lowercase" } });
    assert.equal(noisy, text.toLowerCase());
  });

  test("casing: lowercase sentence starts keep the rest", () => {
    const { noisy, edits } = runRule(casing, text, { params: { mode: "sentence_start" }, intensity: 1 });
    assert.equal(noisy, "hello Anna. can you send me the API notes? thanks a lot!");
    assert.equal(edits.length, 3);
  });

  test("casing: one word in caps lock", () => {
    const { edits } = runRule(casing, text, { params: { mode: "caps_word" } });
    assert.equal(edits.length, 1);
    assert.equal(edits[0]?.after, edits[0]?.before.toUpperCase());
  });

  test("casing draws a habit when none is given, and always changes something", () => {
    for (const seed of SEEDS) assert.notEqual(runRule(casing, text, { seed }).noisy, text);
  });

  test("punctuation drops final marks, commas and contraction apostrophes", () => {
    const clean = "Hi, I don't know what to do. Can you help? It's urgent!";
    const { noisy, edits } = runRule(punctuation, clean, { intensity: 1 });
    assert.equal(noisy, "Hi I dont know what to do Can you help Its urgent");
    assert.ok(edits.every((e) => e.before.length === e.after.length + 1));
    for (const seed of SEEDS) {
      const some = runRule(punctuation, clean, { seed, intensity: 0.2 });
      assert.ok(some.noisy.length < clean.length);
    }
  });
});

describe("emoji and fillers", () => {
  test("emoji adds exactly one emoji that fits the tone", () => {
    const { noisy } = runRule(emoji, "Thanks so much for the help yesterday.", { seed: 3 });
    const found = noisy.match(/\p{Extended_Pictographic}/gu) ?? [];
    assert.equal(found.length, 1);
    assert.ok(["🙏", "😊", "🙌"].includes(found[0] as string), noisy);
    const bug = runRule(emoji, "My script crashes with an error when I run it", { seed: 3 });
    assert.match(bug.noisy, /[😩😭🥲😤]/u);
  });

  test("emoji holds back for formal personas and when the text has one already", () => {
    const formal = runRule(emoji, "Thanks for your help.", {
      persona: { formality_level: "very_formal" },
      changes: false,
    });
    assert.equal(formal.noisy, "Thanks for your help.");
    assert.equal(formal.edits.length, 0);
    runRule(emoji, "Thanks 🙏", { changes: false });
  });

  test("filler adds a spoken filler at a phrase boundary", () => {
    const clean = "Can you explain how neural networks learn, and why they need so much data?";
    const fillers = /\b(?:um|uh|so|like|basically|honestly|kinda|tbh|just|ok so)\b/i;
    for (const seed of SEEDS) {
      const { noisy, edits } = runRule(filler, clean, { seed });
      assert.ok(edits.length >= 1);
      assert.ok(words(noisy).length > words(clean).length);
      for (const edit of edits) assert.match(edit.after, fillers);
    }
  });
});

describe("word-level rules", () => {
  test("word_swap swaps num_swaps pairs of neighbouring words", () => {
    const { noisy, edits } = runRule(wordSwap, PROMPT, { params: { num_swaps: 2 } });
    assert.equal(edits.length, 2);
    const sorted = (t: string) => words(t.toLowerCase()).sort();
    assert.deepEqual(sorted(noisy), sorted(PROMPT));
    for (const edit of edits) {
      const [a, b] = edit.before.split(" ");
      assert.equal(edit.after.toLowerCase(), `${b} ${a}`.toLowerCase());
    }
  });

  test("word_deletion drops function words and articles", () => {
    const clean = "Please write the summary of the report for the manager in a short email.";
    const { noisy, edits } = runRule(wordDeletion, clean, { params: { deletion_rate: 0.5 } });
    assert.ok(edits.length >= 1);
    assert.ok(words(noisy).length < words(clean).length);
    const functionWords = [
      "please",
      "the",
      "of",
      "for",
      "in",
      "a",
      "to",
      "is",
      "it",
      "on",
      "at",
      "this",
      "with",
      "me",
      "my",
    ];
    for (const edit of edits) {
      assert.equal(edit.after, "");
      assert.ok(functionWords.includes(edit.before.trim().toLowerCase()), edit.before);
    }
  });

  test("word_insertion slips in plausible extra words", () => {
    const clean = "Can you review my essay and tell me how to make it better?";
    const { noisy, edits } = runRule(wordInsertion, clean, { params: { insertion_rate: 0.5 } });
    assert.ok(edits.length >= 1);
    assert.equal(words(noisy).length, words(clean).length + edits.length);
    for (const edit of edits) {
      assert.equal(edit.before, "");
      assert.match(
        edit.after,
        /^(?:just|really|actually|quickly|also|maybe|kinda|like|quick|little|short|simple) $/,
      );
    }
  });

  test("synonym swaps formal words for casual ones", () => {
    const clean = "I require assistance in order to purchase approximately 20 tickets.";
    const { noisy } = runRule(synonym, clean, { intensity: 1 });
    assert.match(noisy, /^I need help to buy (?:about|around|roughly) 20 tickets\.$/);
  });

  test("contraction contracts do not, I am, it is …", () => {
    const { noisy } = runRule(contraction, "I am sure it is fine, but I do not want to wait.", {
      intensity: 1,
    });
    assert.equal(noisy, "I'm sure it's fine, but I don't want to wait.");
  });

  test("abbreviation writes text-speak, except for formal personas", () => {
    const clean = "Could you please send me the information tomorrow? Thanks, talk to you soon.";
    const { noisy } = runRule(abbreviation, clean, { intensity: 1 });
    assert.match(noisy, /^Could u pl[sz] send me the info tmrw\? Thx, talk to u soon\.$/);
    const formal = runRule(abbreviation, clean, {
      intensity: 1,
      persona: { formality_level: "formal" },
      changes: false,
    });
    assert.equal(formal.edits.length, 0);
  });

  test("truncation cuts the end off, keeping at least 60 % of the words", () => {
    const clean =
      "I want to book a flight to New York for next weekend and find a cheap hotel near the park.";
    for (const seed of SEEDS) {
      const { noisy, edits } = runRule(truncation, clean, { seed, intensity: 1 });
      assert.equal(edits.length, 1);
      assert.ok(clean.startsWith(noisy));
      const kept = words(noisy).length;
      assert.ok(kept < words(clean).length && kept >= Math.ceil(words(clean).length * 0.6), `${kept} words`);
      assert.doesNotMatch(noisy, /[.?!\s]$/);
    }
  });
});

describe("template phrase rules", () => {
  const file = loadStrategyFile(STRATEGY_FILE);
  const surface = file.strategies.surface_noise;

  test("emotional_attitude attaches one of the strategy file's attitudes", () => {
    const params = { attitudes: surface.emotional_attitude?.attitudes };
    const phrases = ["need this soon", "kind of urgent", "would appreciate it", "thanks"];
    for (const seed of SEEDS) {
      const { noisy, edits } = runRule(emotionalAttitude, "Write a report on our Q3 sales.", {
        seed,
        params,
      });
      assert.equal(edits.length, 1);
      assert.ok(
        phrases.some((p) => noisy.toLowerCase().includes(p)),
        noisy,
      );
    }
  });

  test("negative_expression adds a preference said as a negation, in the persona's register", () => {
    const params = { examples: surface.negative_expression?.examples };
    const seen = new Set<string>();
    for (let seed = 0; seed < 200; seed++) {
      const { noisy } = runRule(negativeExpression, "Summarize this article.", { params, seed });
      assert.match(
        noisy,
        /^Summarize this article, [^.]*\b(?:don't|do not|no|not|nothing|never|avoid)\b[^.]*\.$/,
        noisy,
      );
      seen.add(noisy);
    }
    // The strategy file's own negations are among them; ≥ 20 distinct phrases in all.
    assert.ok(seen.has("Summarize this article, don't make it too long."));
    assert.ok(seen.size >= 20, `${seen.size} phrases`);
    const formal = { formality_level: "very_formal" };
    for (let seed = 0; seed < 60; seed++) {
      const { noisy } = runRule(negativeExpression, "Summarize this article?", { seed, persona: formal });
      assert.doesNotMatch(noisy, /\b(?:pls|stuff|fluff|nerdy|crazy|fancy|overboard)\b/, noisy);
    }
  });

  test("real_life_fragments adds a slice of the writer's situation", () => {
    const params = { fragments: surface.real_life_fragments?.fragments };
    for (const seed of SEEDS) {
      const { noisy } = runRule(realLifeFragments, "Help me write an email.", { seed, params });
      assert.match(
        noisy,
        /(?:^(?:On mobile|Quick question|Before i forget), help me write an email\.$)|(?:^Help me write an email, (?:on mobile|quick question|before i forget)\.$)/,
      );
    }
  });
});
