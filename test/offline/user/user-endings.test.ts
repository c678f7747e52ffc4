import assert from "node:assert/strict";
import { test } from "node:test";
import { personaTraits } from "../../../src/offline/traits/persona-traits.js";
import { offlineUserTurn } from "../../../src/offline/user/user-simulator.js";
import { createRng } from "../../../src/rng/random.js";
import { PERSONAS, runConversation, seedQueries } from "../conversation-fixtures.js";

// How a simulated conversation ends must match what its record shows: a conversation labelled
// satisfied does not end on a complaint, nobody thanks or gives up while the conversation must go
// on, and nobody introduces themselves.

const QUERIES = seedQueries();
const COMPLAINT =
  /\b(?:not right|wrong|not what i asked|didn'?t help|did not help|doesn'?t match|does not match|an error in|not sure .+ (?:is )?(?:correct|right)|too long|that's a lot|tl;dr|seems off|sounds high|where does .+ come from|double-check)\b/i;

test("a conversation that ends satisfied never ends on a complaint: 0 of 1,200", () => {
  const bad: string[] = [];
  let satisfied = 0;
  for (const [name, features] of Object.entries(PERSONAS)) {
    for (let i = 0; i < 200; i++) {
      const c = runConversation(
        features,
        QUERIES[(i * 11 + name.length) % QUERIES.length] as string,
        `${name}:${i}`,
        2 + (i % 4),
      );
      const last = c.turns.at(-1);
      if (!last?.satisfied) continue;
      satisfied++;
      const lastSaid = c.turns.at(-2)?.feedback;
      if (typeof lastSaid === "string" && COMPLAINT.test(lastSaid)) bad.push(`${name}: ${lastSaid}`);
    }
  }
  assert.ok(satisfied > 600, `only ${satisfied} satisfied`);
  assert.deepEqual(bad, []);
});

test("below min_turns the user neither thanks nor gives up: they ask a real next question", () => {
  for (const [name, features] of Object.entries(PERSONAS)) {
    for (let i = 0; i < 100; i++) {
      const reply =
        "Here's how:\n\n1. Check the logs first.\n2. Restart the service.\n3. Compare the configs.";
      const out = offlineUserTurn(
        {
          features,
          history: [
            { role: "user", content: QUERIES[i] as string },
            { role: "assistant", content: reply },
          ],
          lastReply: reply,
          currentTurn: 1,
          targetTurns: 1,
          minTurns: 3,
        },
        createRng(2, `${name}:${i}`, "user"),
      );
      assert.equal(out.satisfied, false, `${name}:${i}`);
      assert.notEqual(out.gave_up, true, `${name}:${i}`);
      assert.ok(typeof out.feedback === "string" && out.feedback.length > 0);
      assert.doesNotMatch(
        out.feedback,
        /^(?:thanks|thank you|thx|perfect|got it|never mind|forget it)\b[^?]*$/i,
      );
    }
  }
});

test("nobody introduces themselves in a follow-up", () => {
  for (const [name, features] of Object.entries(PERSONAS)) {
    const who = personaTraits(features).selfDescription;
    for (let i = 0; i < 150; i++) {
      const c = runConversation(features, QUERIES[(i * 5) % QUERIES.length] as string, `${name}:${i}`, 4);
      for (const t of c.turns) {
        if (typeof t.feedback !== "string") continue;
        assert.doesNotMatch(
          t.feedback,
          /\b(?:for context|just so you know|by way of background|i'm asking because)\b/i,
        );
        if (who !== undefined)
          assert.ok(!new RegExp(`\\b(?:I'm|I am|as) ${who}`, "i").test(t.feedback), `${name}: ${t.feedback}`);
      }
    }
  }
});
