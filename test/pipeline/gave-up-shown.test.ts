import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { InteractionStorage } from "../../src/interaction/storage.js";
import { EnhancedPersonaGenerationPipeline } from "../../src/pipeline/pipeline.js";
import { fixedClock } from "../../src/util/clock.js";
import { tempDir } from "../helpers/paths.js";

// Issue 14: conversations were labelled `gave_up` while their last user turn was an ordinary
// question (the give-up line was never stored). The label now only says what the record shows.
// ("done here" is one of the pool's give-up lines, and an emoji may follow it.)

const GIVES_UP =
  /\b(?:forget it|never ?mind|nvm|not (?:really )?(?:helping|useful)|isn't (?:really )?(?:helping|getting me anywhere|quite what i need|it)|giving up|elsewhere|somewhere else|another (?:resource|way)|something else|myself|on my own|ask (?:a friend|someone|an expert)|leave it here|can wait|going in circles|google it|watch a video|done here|done\.?$)/i;

test("a conversation labelled gave_up ends on the user's give-up line and the assistant's answer to it", async (t) => {
  const out = tempDir(t);
  const pipeline = new EnhancedPersonaGenerationPipeline(
    { experiment: { seed: 7 } },
    { out, clock: fixedClock("2026-03-04T05:06:07Z"), env: {} },
  );
  await pipeline.run({ numPersonas: 60 });
  const records = await new InteractionStorage(join(out, "interactions")).loadAll();
  const gaveUp = records.filter(
    (r) => (r.metadata as { termination_reason?: string }).termination_reason === "gave_up",
  );
  assert.ok(gaveUp.length >= 2, `only ${gaveUp.length} conversations gave up`);
  for (const r of gaveUp) {
    const messages = r.messages as Array<{
      role: string;
      content: string;
      metadata?: Record<string, unknown>;
    }>;
    assert.equal(messages.at(-1)?.role, "assistant", "never ends on an unanswered user message");
    const lastUser = [...messages].reverse().find((m) => m.role === "user");
    const clean = String(lastUser?.metadata?.clean_version ?? lastUser?.content ?? "");
    assert.match(clean, GIVES_UP, clean);
    assert.ok(Number(r.num_turns) <= pipeline.config.interaction_generation.max_turns);
  }
});
