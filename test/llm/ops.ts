import { z } from "zod";
import type { Operation } from "../../src/llm/operation.js";
import { textOutput } from "../../src/llm/operation.js";

/** A plain text operation for tests. */
export const echoOp: Operation<{ text: string }, string> = {
  name: "echo",
  stage: "test",
  messages: ({ text }) => [
    { role: "system", content: "You repeat things." },
    { role: "user", content: text },
  ],
  output: textOutput(),
  offline:
    async () =>
    ({ text }) =>
      `offline: ${text}`,
};

export const verdictSchema = z.object({ satisfied: z.boolean(), feedback: z.string().min(1) });

/** A structured operation for tests. */
export const verdictOp: Operation<{ text: string }, z.output<typeof verdictSchema>> = {
  name: "verdict",
  stage: "test",
  messages: ({ text }) => [{ role: "user", content: `Judge: ${text}` }],
  output: { kind: "json", name: "verdict", schema: verdictSchema },
  offline: async () => () => ({ satisfied: true, feedback: "fine" }),
};
