import assert from "node:assert/strict";
import { test } from "node:test";
import { barChart, columnChart, escapeXml, heatmap } from "../../src/report/charts.js";

const widths = (svg: string) =>
  [...svg.matchAll(/<rect class="bar"[^>]* width="([\d.]+)"/g)].map((m) => Number(m[1]));

test("bars are proportional to their values, the largest filling the room", () => {
  const svg = barChart("t", [
    ["a", 100],
    ["b", 50],
    ["c", 0],
  ]);
  const [a, b, c] = widths(svg);
  assert.ok(a && b !== undefined && c !== undefined);
  assert.ok(Math.abs(b - a / 2) < 0.2, `${a} vs ${b}`);
  assert.equal(c, 0);
  assert.match(svg, /<title>b: 50<\/title>/);
});

test("a long tail is summed into one row so the chart stays readable", () => {
  const rows = Array.from({ length: 40 }, (_, i) => [`v${i}`, 40 - i] as const);
  const svg = barChart("t", rows);
  assert.equal(widths(svg).length, 24);
  const tail = rows.slice(23).reduce((s, [, v]) => s + v, 0);
  assert.match(svg, new RegExp(`<title>17 others: ${tail}</title>`));
});

test("labels are escaped and clipped", () => {
  const svg = barChart("t", [[`<b>"x" & y</b>${"z".repeat(60)}`, 1]]);
  assert.ok(!svg.includes("<b>"));
  assert.match(svg, /&#60;b&#62;&#34;x&#34; &#38; y/);
  assert.match(svg, /…<\/text>/);
  assert.equal(escapeXml(`'`), "&#39;");
});

test("columns keep their order; the heatmap shades by count and outlines the diagonal", () => {
  const svg = columnChart("t", [
    ["1", 5],
    ["2", 10],
  ]);
  assert.ok(svg.indexOf(">1</text>") < svg.indexOf(">2</text>"));
  const map = heatmap("t", ["x", "y"], ["x", "y"], (r, c) =>
    r === "x" && c === "x" ? 8 : r === "y" && c === "x" ? 2 : 0,
  );
  const cells = [...map.matchAll(/<rect class="(cell[^"]*)"[^>]*fill-opacity="([\d.]+)"/g)].map((m) => [
    m[1],
    Number(m[2]),
  ]);
  assert.deepEqual(
    cells.map(([cls]) => cls),
    ["cell diagonal", "cell", "cell", "cell diagonal"],
  );
  assert.equal(cells[0]?.[1], 1);
  assert.equal(cells[1]?.[1], 0);
  assert.ok(Math.abs((cells[2]?.[1] as number) - (0.12 + 0.88 * 0.25)) < 1e-3);
});
