import assert from "node:assert/strict";
import { test } from "node:test";
import { itemGist, viewReply } from "../../src/text/reply-view.js";

test("an item's gist names what it says: a label that only numbers the item gives way to its text", () => {
  const view = viewReply(
    [
      "Plan:",
      "",
      "1. **Phase 1:** pin down the goal and gather what you need.",
      "2. **Your detail:** the 144Hz monitor matters here.",
      '3. Look closely at "cannot return reference to local variable" with care.',
      "4. **Inputs:** write them down with their units.",
    ].join("\n"),
  );
  assert.equal(itemGist(view, 0, 5), "pin down the goal");
  assert.equal(itemGist(view, 1, 5), "the 144Hz monitor matters here");
  // Never a quote cut open.
  assert.equal(itemGist(view, 2, 5), "Look closely");
  assert.equal(itemGist(view, 3, 5), "Inputs");
});

test("a long item's gist is cut before a new part of it, never inside one", () => {
  const view = viewReply(
    [
      "1. Decide up front what success means here, so you know when you are done.",
      "2. Look at how people in a similar spot handled it; lessons show up.",
      "3. Talk to someone who has been through this before you commit.",
      "4. When it needs more than a single session, pause at a clean point.",
      '5. Check the outcome against what "Note down what you\'d need" was meant to achieve.',
      "6. **Unless:** the answer flips when you're working against a deadline.",
    ].join("\n"),
  );
  assert.equal(itemGist(view, 0, 5), "Decide up front");
  assert.equal(itemGist(view, 1, 5), "Look at how people in a similar spot handled it");
  assert.equal(itemGist(view, 2, 5), "Talk to someone");
  assert.equal(itemGist(view, 3, 6), "When it needs more than a single session");
  assert.equal(itemGist(view, 4, 5), "Check the outcome");
  assert.equal(itemGist(view, 5, 5), "the answer flips");
});
