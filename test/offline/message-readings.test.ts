import assert from "node:assert/strict";
import { test } from "node:test";
import { MessageReadings, messageReadings } from "../../src/offline/message-readings.js";
import { analyzeRequest } from "../../src/text/request-analysis.js";
import { readUserText } from "../../src/text/user-text.js";

test("a message is read once per conversation, and a repaired reading that changed nothing is the plain one", () => {
  const memo = new Map<string, unknown>();
  const readings = messageReadings(memo);
  assert.equal(messageReadings(memo), readings);
  const clean = 'How do I fix "ImportError: no module named flask" in my Flask app?';
  const repaired = readings.respelled(clean);
  assert.equal(readings.plain(clean), repaired);
  assert.equal(readings.analysis(repaired), readings.analysis(readings.plain(clean)));
  assert.deepEqual(readings.analysis(repaired), analyzeRequest(readUserText(clean)));
  // With typos the two readings differ, each equal to reading the message afresh.
  const typed = "How do I fix teh error in my Flask app?";
  assert.notEqual(readings.respelled(typed), readings.plain(typed));
  assert.equal(readings.respelled(typed).masked, readUserText(typed, true).masked);
  assert.equal(readings.plain(typed).masked, readUserText(typed).masked);
  assert.deepEqual(readings.analysis(readings.plain(typed)), analyzeRequest(readUserText(typed)));
});

test("without a memo every call reads afresh", () => {
  assert.notEqual(messageReadings(undefined), messageReadings(undefined));
  const [one, other] = [new MessageReadings(), new MessageReadings()];
  assert.notEqual(one.plain("Hi"), other.plain("Hi"));
  assert.equal(one.plain("Hi"), one.plain("Hi"));
});
