import assert from "node:assert/strict";
import { test } from "node:test";
import { personaIdFor } from "../../src/persona/persona.js";
import { sha256Hex, stableStringify } from "../../src/util/hash.js";

test("a persona id is persona_ + 16 hex of SHA-256 of the key-sorted features", () => {
  const features = { tone_pref: "warm", age_band: "25_34" };
  const id = personaIdFor(features);
  assert.match(id, /^persona_[0-9a-f]{16}$/);
  assert.equal(id, `persona_${sha256Hex(stableStringify(features)).slice(0, 16)}`);
  assert.equal(id, personaIdFor({ age_band: "25_34", tone_pref: "warm" }), "key order does not matter");
  assert.notEqual(id, personaIdFor({ age_band: "25_34", tone_pref: "formal" }));
  assert.notEqual(id, personaIdFor({ age_band: "25_34" }));
});
