import assert from "node:assert/strict";
import { test } from "node:test";
import { SaidMemory } from "../../../src/offline/assistant/said-memory.js";

const sentence = (i: number): string => `Point number ${i} is worth a look.`;

test("the said memory holds every sentence of a long conversation, earlier turns and this reply's", () => {
  const earlier = [Array.from({ length: 300 }, (_, i) => sentence(i)).join(" ")];
  const memory = SaidMemory.of(earlier);
  for (let i = 0; i < 300; i++) assert.equal(memory.repeats(sentence(i)), true, sentence(i));
  assert.equal(memory.repeats(sentence(300)), false);
  // This reply's own sentences: new ones are remembered, a repeat is refused.
  for (let i = 300; i < 700; i++) assert.equal(memory.addIfNew(sentence(i)), true);
  for (let i = 0; i < 700; i++) assert.equal(memory.addIfNew(sentence(i)), false);
  assert.equal(
    memory.repeats("- **POINT NUMBER 5 is worth a look.**"),
    true,
    "case, bold and list marker aside",
  );
  assert.equal(memory.repeats("Short one."), false, "fewer than four words are never remembered");
  // The next turn's memory grows from this one and forgets what this reply drew but did not say.
  const next = SaidMemory.of([...earlier, sentence(1000)], memory);
  assert.equal(next.repeats(sentence(1000)), true);
  assert.equal(next.repeats(sentence(400)), false);
  assert.equal(next.repeats(sentence(10)), true);
});
