import type { LayerName, Strategy } from "./strategy-config.js";

// The parts of the add-noise prompt that describe the chosen layer and strategies. Built only when a
// prompt is rendered: the offline engine never needs them (they cost 4% of an offline run).

export const LAYER_DESCRIPTIONS: Record<LayerName, string> = {
  surface_noise:
    "Surface noise: the intent and every detail stay intact; only the surface form changes (casual wording, typos, spacing, punctuation, small fragments).",
  incomplete_info:
    "Incomplete information: the intent stays clear, but some details are missing, vague or depend on context the assistant does not have.",
  semantic_ambiguity:
    "Semantic ambiguity: the intent becomes uncertain: several requests at once, wording that fits two tasks, contradictory constraints or a change of mind.",
};

/** The strategy descriptions, guidelines and examples of the file, as the prompt's strategy section. */
export function describeStrategies(
  names: readonly string[],
  strategies: Readonly<Record<string, Strategy>>,
): string {
  return names
    .map((name) => {
      const s = strategies[name];
      const lines = [`- ${name}: ${s?.description ?? ""}`.trimEnd()];
      const list = (label: string, items: unknown) => {
        if (Array.isArray(items) && items.length > 0) {
          lines.push(
            `  ${label}: ${items.map((i) => (typeof i === "string" ? i : JSON.stringify(i))).join(" | ")}`,
          );
        }
      };
      list("guidelines", s?.guidelines);
      list("examples", s?.examples);
      list(
        "patterns",
        s?.patterns ??
          s?.connectors ??
          s?.fragments ??
          s?.vague_patterns ??
          s?.contradiction_types ??
          s?.attitudes,
      );
      return lines.join("\n");
    })
    .join("\n");
}
