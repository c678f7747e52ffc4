import { z } from "zod";
import type { ChatMessage, OutputSchema } from "./types.js";

/** The JSON schema of a zod schema, in the form providers accept for structured output. */
export function outputSchemaFor(name: string, schema: z.ZodType): OutputSchema {
  const json = z.toJSONSchema(schema, { target: "draft-7", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  delete json.$schema;
  return { name, schema: json };
}

/** Instructions appended when a provider cannot be given the schema natively. */
export function schemaInstructions(schema: OutputSchema): string {
  return `Respond with only a JSON object, no prose and no code fences, matching this JSON schema:\n${JSON.stringify(schema.schema)}`;
}

/** Adds the schema instructions to the last message (providers without native structured output). */
export function withSchemaInstructions(messages: ChatMessage[], schema: OutputSchema): ChatMessage[] {
  const out = messages.slice();
  const last = out[out.length - 1];
  const note = schemaInstructions(schema);
  if (last && last.role !== "assistant")
    out[out.length - 1] = { role: last.role, content: `${last.content}\n\n${note}` };
  else out.push({ role: "user", content: note });
  return out;
}

/**
 * Extracts the JSON value from model text: the whole text, else a fenced block, else the outermost
 * `{…}`. Returns undefined when there is none.
 */
export function extractJson(text: string): unknown {
  const trimmed = text.trim();
  const attempt = (candidate: string): unknown => {
    try {
      return JSON.parse(candidate);
    } catch {
      return undefined;
    }
  };
  const whole = attempt(trimmed);
  if (whole !== undefined) return whole;
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(trimmed);
  if (fenced?.[1]) {
    const inside = attempt(fenced[1].trim());
    if (inside !== undefined) return inside;
  }
  const start = trimmed.indexOf("{");
  const end = trimmed.lastIndexOf("}");
  return start >= 0 && end > start ? attempt(trimmed.slice(start, end + 1)) : undefined;
}
