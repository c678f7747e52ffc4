/**
 * Hand-rolled SVG charts, rendered on the server side into the report so they need no script and no
 * library: horizontal bars, columns (histograms) and a heatmap.
 * Colours come from the page's CSS classes (`bar`, `bar-b`, `cell`, `label`, `value`).
 */

/** Escapes text for HTML and SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const WIDTH = 560;
const ROW = 20;
/** Rows drawn before the rest are summed into one "other" row. */
const MAX_ROWS = 24;

function labelWidth(labels: readonly string[]): number {
  const longest = labels.reduce((max, l) => Math.max(max, l.length), 0);
  return Math.min(210, Math.max(60, longest * 6.6 + 10));
}

function clip(label: string, width: number): string {
  const max = Math.floor((width - 10) / 6.6);
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

const count = (n: number) => n.toLocaleString("en-US");

function svg(height: number, body: string, label: string, width = WIDTH): string {
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(label)}">${body}</svg>`;
}

/** Keeps the first rows and sums the rest into one, so a long tail stays readable. */
function capRows(rows: ReadonlyArray<readonly [string, number]>): Array<readonly [string, number]> {
  if (rows.length <= MAX_ROWS) return [...rows];
  const rest = rows.slice(MAX_ROWS - 1);
  const sum = rest.reduce((s, [, v]) => s + v, 0);
  return [...rows.slice(0, MAX_ROWS - 1), [`${rest.length} others`, sum] as const];
}

/** Horizontal bars, one per row, in the order given; `width` in pixels (default 560). */
export function barChart(
  title: string,
  rows: ReadonlyArray<readonly [string, number]>,
  options: { format?: (value: number) => string; width?: number } = {},
): string {
  const format = options.format ?? count;
  const width = options.width ?? WIDTH;
  const shown = capRows(rows);
  const lw = Math.min(labelWidth(shown.map(([l]) => l)), width * 0.4);
  const room = width - lw - 60;
  const max = Math.max(1e-12, ...shown.map(([, v]) => v));
  const body = shown
    .map(([label, value], i) => {
      const y = i * ROW + 4;
      const w = Math.max(value > 0 ? 1 : 0, (value / max) * room);
      return (
        `<text class="label" x="${lw - 6}" y="${y + 13}" text-anchor="end">${escapeXml(clip(label, lw))}</text>` +
        `<rect class="bar" x="${lw}" y="${y + 2}" width="${w.toFixed(1)}" height="${ROW - 6}" rx="2"><title>${escapeXml(`${label}: ${format(value)}`)}</title></rect>` +
        `<text class="value" x="${(lw + w + 5).toFixed(1)}" y="${y + 13}">${escapeXml(format(value))}</text>`
      );
    })
    .join("");
  return svg(shown.length * ROW + 8, body, title, width);
}

/** Vertical columns over ordered categories (a histogram). */
export function columnChart(title: string, columns: ReadonlyArray<readonly [string, number]>): string {
  const height = 180;
  const base = height - 24;
  const step = Math.min(56, (WIDTH - 20) / Math.max(1, columns.length));
  const max = Math.max(1, ...columns.map(([, v]) => v));
  const body = columns
    .map(([label, value], i) => {
      const x = 10 + i * step;
      const h = (value / max) * (base - 20);
      return (
        `<rect class="bar" x="${(x + 3).toFixed(1)}" y="${(base - h).toFixed(1)}" width="${(step - 6).toFixed(1)}" height="${h.toFixed(1)}" rx="2"><title>${escapeXml(`${label}: ${count(value)}`)}</title></rect>` +
        `<text class="value small" x="${(x + step / 2).toFixed(1)}" y="${(base - h - 4).toFixed(1)}" text-anchor="middle">${count(value)}</text>` +
        `<text class="label small" x="${(x + step / 2).toFixed(1)}" y="${base + 14}" text-anchor="middle">${escapeXml(label)}</text>`
      );
    })
    .join("");
  return svg(
    height,
    `<line class="axis" x1="10" x2="${WIDTH - 10}" y1="${base}" y2="${base}"/>${body}`,
    title,
  );
}

/** A grid of counts (rows × columns), each cell shaded by its share of the largest. */
export function heatmap(
  title: string,
  rows: readonly string[],
  columns: readonly string[],
  value: (row: string, column: string) => number,
): string {
  const lw = labelWidth(rows);
  const cell = Math.max(14, Math.min(28, (WIDTH - lw - 10) / Math.max(1, columns.length)));
  const top = Math.min(120, labelWidth(columns));
  let max = 1;
  for (const r of rows) for (const c of columns) max = Math.max(max, value(r, c));
  const parts: string[] = [];
  columns.forEach((c, j) => {
    const x = lw + j * cell + cell / 2 + 4;
    parts.push(
      `<text class="label small" transform="translate(${x.toFixed(1)},${top - 4}) rotate(-60)">${escapeXml(clip(c, top))}</text>`,
    );
  });
  rows.forEach((r, i) => {
    const y = top + i * cell;
    parts.push(
      `<text class="label small" x="${lw - 6}" y="${(y + cell / 2 + 4).toFixed(1)}" text-anchor="end">${escapeXml(clip(r, lw))}</text>`,
    );
    columns.forEach((c, j) => {
      const v = value(r, c);
      const opacity = v === 0 ? 0 : 0.12 + 0.88 * (v / max);
      parts.push(
        `<rect class="${r === c ? "cell diagonal" : "cell"}" x="${(lw + j * cell).toFixed(1)}" y="${y.toFixed(1)}" width="${(cell - 1).toFixed(1)}" height="${(cell - 1).toFixed(1)}" fill-opacity="${opacity.toFixed(3)}"><title>${escapeXml(`${r} × ${c}: ${count(v)}`)}</title></rect>`,
      );
    });
  });
  const width = Math.max(WIDTH, lw + columns.length * cell + 10);
  const height = top + rows.length * cell + 6;
  return `<svg class="chart" viewBox="0 0 ${width.toFixed(0)} ${height.toFixed(0)}" width="${width.toFixed(0)}" height="${height.toFixed(0)}" role="img" aria-label="${escapeXml(title)}">${parts.join("")}</svg>`;
}
