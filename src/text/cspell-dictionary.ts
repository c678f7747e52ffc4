import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The lines of `@cspell/dict-en-common-misspellings` (CC BY-SA 4.0), `misspelling->word, word`: the
 * noise layer draws real misspellings from them, the offline assistant's speller its vocabulary and
 * known fixes (text/spelling.ts).
 */

const PACKAGE = "@cspell/dict-en-common-misspellings";
const DICTIONARY_FILE = "dict/dict-en.json";

interface CspellDictionaryFile {
  dictionaryDefinitions?: Array<{ suggestWords?: unknown; flagWords?: unknown }>;
}

/** Every `misspelling->words` line of the packaged dictionary. */
export function dictionaryLines(): string[] {
  const require = createRequire(import.meta.url);
  // The package exports only its cspell settings file; the dictionaries sit beside it.
  const root = dirname(require.resolve(`${PACKAGE}/cspell-ext.json`));
  const file = JSON.parse(readFileSync(join(root, DICTIONARY_FILE), "utf8")) as CspellDictionaryFile;
  const lines: string[] = [];
  for (const def of file.dictionaryDefinitions ?? []) {
    for (const list of [def.suggestWords, def.flagWords]) {
      if (Array.isArray(list)) for (const entry of list) if (typeof entry === "string") lines.push(entry);
    }
  }
  return lines;
}
