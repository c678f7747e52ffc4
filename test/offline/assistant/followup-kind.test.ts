import assert from "node:assert/strict";
import { test } from "node:test";
import { readFollowUp } from "../../../src/offline/assistant/followup-kind.js";

const read = (text: string) => readFollowUp(text.toLowerCase(), text, 4);

test("'what's the next step' asks what follows, never what a term means", () => {
  assert.equal(read("Once step 1 is done, what's the next step for Bluetooth?").kind, "next");
  assert.equal(read("what is the next step for my garden?").kind, "next");
  assert.equal(read("Godot: what's after point 4?").kind, "next");
  assert.equal(read("can you explain step 2 in more detail?").kind, "step");
  assert.equal(read("wait, what does idempotent mean?").term, "idempotent");
});

test("a give-up is its own kind; thanks stays thanks", () => {
  assert.equal(read("ok never mind, I'll work it out").kind, "giveup");
  assert.equal(read("Thank you, but this isn't quite what I need. I'll look elsewhere.").kind, "giveup");
  assert.equal(read("thanks, that helps!").kind, "thanks");
});
