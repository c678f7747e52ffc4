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

test("without a memo each reader reads afresh, with equal results", () => {
  const message = "how do i fix teh error in my Flask app";
  const a = noiseReadings(undefined).requestOf(message);
  const b = messageReadings(undefined).plain(message);
  assert.notEqual(a.user, b);
  assert.equal(a.user.masked, b.masked);
  assert.deepEqual(a.user.parts, b.parts);
  assert.notEqual(plainReadings(undefined), plainReadings(undefined));
});
