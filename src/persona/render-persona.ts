/** A persona as the `{persona}` slot of a prompt shows it: one `- trait: value` line per feature. */
export function renderPersona(features: Readonly<Record<string, unknown>>): string {
  return Object.entries(features)
    .filter(([, value]) => value !== null && value !== undefined && value !== "")
    .map(([key, value]) => `- ${key}: ${String(value)}`)
    .join("\n");
}
