/** What a secret is replaced with wherever it would be written. */
export const REDACTED = "[redacted]";

/** Shorter values are not treated as secrets: masking them would mangle ordinary text. */
const MIN_SECRET_LENGTH = 8;

/**
 * Masks known secret values (API keys and the like) in text about to be written — records, logs,
 * usage, exports, cache entries, messages — wherever the value came from (a key interpolated into a
 * model name reaches every record that names the model). Built once per run from the configured keys
 * ({@link secretValues}); with none it returns text untouched at no cost.
 */
export class Redactor {
  private readonly secrets: readonly string[];

  constructor(values: Iterable<string>) {
    const all = new Set<string>();
    for (const value of values) {
      if (value.length < MIN_SECRET_LENGTH) continue;
      all.add(value);
      // As it appears inside a JSON string.
      all.add(JSON.stringify(value).slice(1, -1));
    }
    // Longest first, so a key that contains another is masked whole.
    this.secrets = [...all].sort((a, b) => b.length - a.length);
  }

  /** A redactor that masks nothing. */
  static readonly none = new Redactor([]);

  /** Whether there is anything to mask. */
  get active(): boolean {
    return this.secrets.length > 0;
  }

  /** `text` with every secret replaced by {@link REDACTED}. */
  text(text: string): string {
    for (const secret of this.secrets) if (text.includes(secret)) text = text.split(secret).join(REDACTED);
    return text;
  }

  /**
   * Whether parsing the JSON text `json` may give a string that holds a secret. False is exact:
   * without `\u` or `\/` escapes, every character of a string in the text is written the one way
   * JSON.stringify writes it, so a secret inside a value or key appears in the text as it is or in
   * its JSON-escaped form, and both are searched. Lets a reader skip masking records that need none
   * (walking every string of every record was most of an export's masking time).
   */
  mayHide(json: string): boolean {
    if (!this.active) return false;
    if (json.includes("\\u") || json.includes("\\/")) return true;
    for (const secret of this.secrets) if (json.includes(secret)) return true;
    return false;
  }

  /**
   * A JSON value with every string masked: the same object when nothing changed (records pass
   * through untouched), a masked copy otherwise.
   */
  value<T>(value: T): T {
    if (!this.active) return value;
    return this.walk(value) as T;
  }

  private walk(value: unknown): unknown {
    if (typeof value === "string") return this.text(value);
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      value.forEach((item, i) => {
        const masked = this.walk(item);
        if (masked === item) return;
        copy ??= value.slice();
        copy[i] = masked;
      });
      return copy ?? value;
    }
    if (value !== null && typeof value === "object") {
      let copy: Record<string, unknown> | undefined;
      for (const [key, item] of Object.entries(value)) {
        const masked = this.walk(item);
        const maskedKey = this.text(key);
        if (masked !== item || maskedKey !== key) {
          copy ??= { ...(value as Record<string, unknown>) };
          if (maskedKey !== key) delete copy[key];
          copy[maskedKey] = masked;
        }
      }
      return copy ?? value;
    }
    return value;
  }
}

/** The error with its message, place, hint and stack masked (it is about to be shown or logged). */
export function maskError<E>(error: E, redactor: Redactor): E {
  if (!redactor.active || !(error instanceof Error)) return error;
  error.message = redactor.text(error.message);
  if (error.stack) error.stack = redactor.text(error.stack);
  for (const key of ["where", "hint"]) {
    const value = (error as unknown as Record<string, unknown>)[key];
    if (typeof value === "string") Object.defineProperty(error, key, { value: redactor.text(value) });
  }
  return error;
}
