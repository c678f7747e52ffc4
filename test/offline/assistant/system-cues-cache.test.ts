import assert from "node:assert/strict";
import { test } from "node:test";
import { systemCues } from "../../../src/offline/assistant/reply-cues.js";
import { SystemCuesCache } from "../../../src/offline/assistant/system-cues-cache.js";

test("a run's system prompt cues are read once per prompt, equal to reading them afresh, and bounded", () => {
  const cache = new SystemCuesCache();
  const prompt = "You are helping a beginner. Keep answers concise and use numbered steps.";
  const cues = cache.cuesOf(prompt);
  assert.deepEqual(cues, systemCues(prompt));
  assert.equal(cache.cuesOf(prompt), cues);
  // 64 other prompts later the first one was let go: read again, equal.
  for (let i = 0; i < 64; i++) cache.cuesOf(`You are assistant number ${i}. Be formal.`);
  const again = cache.cuesOf(prompt);
  assert.notEqual(again, cues);
  assert.deepEqual(again, cues);
});
