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
