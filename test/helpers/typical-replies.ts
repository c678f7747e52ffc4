// Fake-server answers of the lengths a real run's answers typically have (the ones the dry run assumes:
// TYPICAL_OUTPUT), for the estimate-accuracy test and the cost bench. The simulated user is satisfied
// at the planned turn; every text is a pure function of the request, so a batch run gets the answers of
// the realtime run.
import { createHash } from "node:crypto";
import { TYPICAL_OUTPUT } from "../../src/pipeline/estimate.js";
import type { FakeReply, FakeRequest } from "./fake-llm-server.js";

const WORDS =
  "time people way day thing world life hand part child eye place work week case point number group problem fact".split(
    " ",
  );

/** Plain text of about `tokens` o200k tokens (one per word), varying with `seed`. */
export function textOfTokens(tokens: number, seed: string): string {
  const hash = createHash("sha256").update(seed).digest();
  const words: string[] = [];
  for (let i = 0; words.length < tokens; i++)
    words.push(WORDS[(hash[i % 32] as number) % WORDS.length] as string);
  return words.join(" ");
}

/** The last text of a request (what it is about), for the seed of its answer. */
function lastText(req: FakeRequest): string {
  const messages = (req.body?.messages ?? []) as Array<{ content: unknown }>;
  const content = messages.at(-1)?.content;
  return typeof content === "string" ? content : JSON.stringify(content ?? "");
}

/** An answer of typical length for whichever operation the request is (OpenAI or Anthropic body). */
export function typicalReply(req: FakeRequest): FakeReply {
  const body = req.body ?? {};
  const messages = (body.messages ?? []) as Array<{ role: string; content: unknown }>;
  const schema = (body.response_format?.json_schema?.name ?? body.tool_choice?.name) as string | undefined;
  const seed = `${body.model}\u0000${lastText(req)}\u0000${messages.length}`;
  if (schema === "user_turn") {
    const [, turn, target] =
      /turn (\d+) of a conversation planned to last about (\d+)/.exec(lastText(req)) ?? [];
    const satisfied = Number(turn) >= Number(target);
    return { json: { satisfied, feedback: satisfied ? "" : textOfTokens(55, seed) } };
  }
  if (schema === "style_transfer")
    return {
      json: { adapted_query: textOfTokens(60, seed), inferred_domain: "others", inferred_scenario: "others" },
    };
  if (schema) return { json: {} };
  const system = messages[0]?.role === "system" || body.system !== undefined;
  return { text: textOfTokens(system ? TYPICAL_OUTPUT.assistant_reply : TYPICAL_OUTPUT.formulate, seed) };
}
