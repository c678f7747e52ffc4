import assert from "node:assert/strict";
import { test } from "node:test";
import { spellOutTextSpeak } from "../../../src/offline/user/user-voice.js";

// The simulated user compares its earlier messages with a line's fixed wording in a form the voice
// does not change; every short form the voice writes must spell back (it spelled back 4 of 8 when the
// list was copied by hand, so "bc"/"rn"/"idk"/"tbh" lines could be sent twice).
test("every text-speak short form the voice writes spells back to its words", () => {
  assert.equal(
    spellOutTextSpeak("idk, thx u. pls tell me ur plan rn bc tbh it matters"),
    "i don't know, thanks you. please tell me your plan right now because to be honest it matters",
  );
});

test("only whole words are spelled out", () => {
  assert.equal(spellOutTextSpeak("urn plsx bcd thxs rnd"), "urn plsx bcd thxs rnd");
});
