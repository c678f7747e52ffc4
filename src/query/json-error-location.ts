/** A 1-based line and column in a text. */
export interface TextLocation {
  line: number;
  column: number;
}

/**
 * Where a JSON text first goes wrong, as line:column, or undefined when it is valid. V8's own
 * messages give a position only for some errors ("Unexpected token '}', … is not valid JSON" has
 * none), so this scans the text with a small iterative validator (no recursion: nesting depth is
 * unbounded) and falls back to the position in `message` when given one.
 */
export function jsonErrorLocation(text: string, message?: string): TextLocation | undefined {
  let offset = jsonErrorOffset(text);
  if (offset === undefined && message !== undefined) {
    const match = /at position (\d+)/.exec(message);
    if (match) offset = Math.min(Number(match[1]), text.length);
  }
  return offset === undefined ? undefined : locate(text, offset);
}

/** The 1-based line and column of a UTF-16 offset. */
export function locate(text: string, offset: number): TextLocation {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/** The offset of the first JSON syntax error, or undefined when the text is valid JSON. */
export function jsonErrorOffset(text: string): number | undefined {
  const n = text.length;
  const stack: string[] = [];
  let i = 0;

  const skipSpace = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
      i++;
    }
  };
  // Each reader returns true on success, leaving `i` after what it read, or false with `i` at the error.
  const readString = (): boolean => {
    if (text[i] !== '"') return false;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 92) {
        const e = text[i + 1];
        if (e === "u") {
          HEX4.lastIndex = i + 2;
          if (!HEX4.test(text)) {
            i++;
            return false;
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          return false;
        }
      } else i++;
    }
    return false;
  };
  const readKey = (): boolean => {
    skipSpace();
    if (!readString()) return false;
    skipSpace();
    if (text[i] !== ":") return false;
    i++;
    return true;
  };

  let expectValue = true;
  for (;;) {
    skipSpace();
    if (expectValue) {
      if (i >= n) return i;
      const c = text[i]!;
      if (c === "{" || c === "[") {
        i++;
        skipSpace();
        if (text[i] === (c === "{" ? "}" : "]")) {
          i++;
          expectValue = false;
          continue;
        }
        stack.push(c);
        if (c === "{" && !readKey()) return i;
        continue;
      }
      if (c === '"') {
        if (!readString()) return i;
      } else if (c === "t" || c === "f" || c === "n") {
        const word = c === "t" ? "true" : c === "f" ? "false" : "null";
        if (!text.startsWith(word, i)) return i;
        i += word.length;
      } else {
        NUMBER.lastIndex = i;
        const match = NUMBER.exec(text);
        if (match === null) return i;
        i += match[0].length;
      }
      expectValue = false;
      continue;
    }
    const open = stack[stack.length - 1];
    if (open === undefined) return i < n ? i : undefined;
    if (i >= n) return i;
    const c = text[i];
    if (c === ",") {
      i++;
      if (open === "{" && !readKey()) return i;
      expectValue = true;
    } else if (c === (open === "{" ? "}" : "]")) {
      i++;
      stack.pop();
    } else return i;
  }
}
