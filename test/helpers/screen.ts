const ESC = "\u001b";

/**
 * What a terminal of `cols` columns shows after `output`: enough of a VT100 for a progress line
 * (carriage return, newline, erase to end of line, wrap at the last column); other escape sequences
 * are skipped. Returns the screen's lines and where the cursor ended.
 */
export function renderScreen(output: string, cols: number): { lines: string[]; row: number; col: number } {
  const lines: string[][] = [[]];
  let row = 0;
  let col = 0;
  const current = () => {
    while (lines.length <= row) lines.push([]);
    return lines[row] as string[];
  };
  for (let i = 0; i < output.length; i++) {
    const ch = output[i] as string;
    if (ch === "\r") col = 0;
    else if (ch === "\n") {
      row++;
      current();
    } else if (ch === ESC && output[i + 1] === "[") {
      // A control sequence: parameters, then one final byte from @ to ~.
      let end = i + 2;
      while (end < output.length && !((output[end] as string) >= "@" && (output[end] as string) <= "~"))
        end++;
      if (output[end] === "K") current().length = Math.min(current().length, col);
      i = end;
    } else if (ch >= " ") {
      if (col === cols) {
        row++;
        col = 0;
      }
      const line = current();
      while (line.length < col) line.push(" ");
      line[col] = ch;
      col++;
    }
  }
  return { lines: lines.map((l) => l.join("")), row, col };
}
