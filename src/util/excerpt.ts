/** `NAME_KEY=value`, `"token": "value"`: the value of a secret-named field. */
const SECRET_ASSIGNMENT =
  /([A-Za-z0-9_]*(?:key|token|secret|password|passwd)[A-Za-z0-9_]*["']?\s*[:=]\s*["']?)([^\s"',;]+)/gi;
/** A long run of key-like characters (API keys, tokens): masked when it mixes letters and digits. */
const KEY_LIKE = /[A-Za-z0-9][A-Za-z0-9_\-+=.]{19,}/g;

/**
 * A short, sanitised excerpt of text read from a file or a value, for a message: what looks like a
 * secret is masked (the file a config path points at may not be the expected kind — a `.env`), and
 * the rest cut at `max` characters. Configured keys are masked by name elsewhere (util/redact.ts);
 * this is for text whose origin is unknown.
 */
export function excerpt(text: string, max = 60): string {
  const safe = text
    .replace(SECRET_ASSIGNMENT, "$1[redacted]")
    .replace(KEY_LIKE, (run) => (/\d/.test(run) && /[A-Za-z]/.test(run) ? "[redacted]" : run));
  return safe.length <= max ? safe : `${safe.slice(0, max - 1)}…`;
}
