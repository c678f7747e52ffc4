import assert from "node:assert/strict";
import { test } from "node:test";
import { noiseReadings } from "../../src/noise/text-readings.js";
import { messageReadings } from "../../src/offline/message-readings.js";
import { plainReadings } from "../../src/text/plain-readings.js";
import { analyzeRequest } from "../../src/text/request-analysis.js";
import { readUserText } from "../../src/text/user-text.js";

test("a clean message the distractor read is the reading the offline generators get, in one memo", () => {
  const memo = new Map<string, unknown>();
  const message = "Can you help me plan a 3-day trip to Lisbon for under $800?";
  const noise = noiseReadings(memo).requestOf(message);
  assert.equal(noise.user.masked, readUserText(message).masked);
  assert.deepEqual(noise.analysis, analyzeRequest(readUserText(message)));
  const readings = messageReadings(memo);
  assert.equal(readings.plain(message), noise.user);
  assert.equal(readings.analysis(readings.plain(message)), noise.analysis);
  assert.equal(plainReadings(memo), plainReadings(memo));
});

test("the assistant reads a message the distractor read from that reading, not afresh", () => {
  const memo = new Map<string, unknown>();
  const clean = 'Can you explain "git rebase" to a beginner in 3 steps?';
  const typed = "Can you explain teh difference between 2 git commands?";
  const noise = noiseReadings(memo);
  const [read, readTyped] = [noise.requestOf(clean), noise.requestOf(typed)];
  const readings = messageReadings(memo);
  // Nothing to repair: the respelled reading is the distractor's, and so is its analysis.
  assert.equal(readings.respelled(clean), read.user);
  assert.equal(readings.analysis(readings.respelled(clean)), read.analysis);
  // A slip repaired: a reading of its own, equal to reading the message afresh, parts shared.
  const repaired = readings.respelled(typed);
  assert.notEqual(repaired, readTyped.user);
  assert.equal(repaired.masked, readUserText(typed, true).masked);
  assert.deepEqual(repaired.parts, readUserText(typed, true).parts);
  assert.deepEqual(readings.analysis(repaired), analyzeRequest(readUserText(typed, true)));
});

test("without a memo each reader reads afresh, with equal results", () => {
  const message = "how do i fix teh error in my Flask app";
  const a = noiseReadings(undefined).requestOf(message);
  const b = messageReadings(undefined).plain(message);
  assert.notEqual(a.user, b);
  assert.equal(a.user.masked, b.masked);
  assert.deepEqual(a.user.parts, b.parts);
  assert.notEqual(plainReadings(undefined), plainReadings(undefined));
});
