import { readFileSync } from "node:fs";
import { escapeXml } from "./charts.js";

/**
 * The page around the report's data: inline CSS and the browser script, read from ./assets at run
 * time (real files, linted and type-checked; the build copies them to dist/report/assets).
 */
function asset(name: string): string {
  const text = readFileSync(new URL(`./assets/${name}`, import.meta.url), "utf8");
  // Inline, "</" would end the <style> or <script> element early.
  if (text.includes("</")) throw new Error(`report asset ${name} contains "</"`);
  return text;
}

/**
 * No network at all: whatever the data holds, the page may load nothing (no fetch, image, font or
 * frame); only its own inline style and script run.
 */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/** The document up to the visible body. */
export function pageHead(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(title)}</title>
<style>${asset("viewer.css")}</style>
</head>
<body>
`;
}

/**
 * A block of base64 data the script reads on demand (the browser neither runs nor renders a script
 * element of an unknown type). Base64 holds no `<`, so the element cannot end early.
 */
export function dataBlock(id: string, base64: string): string {
  return `<script type="application/octet-stream" id="${id}">${base64}</script>\n`;
}

/** JSON for an inline element: `<` escaped so no string in it can close the element. */
export function inlineJson(id: string, value: unknown): string {
  return `<script type="application/json" id="${id}">${JSON.stringify(value).replace(/</g, "\\u003c")}</script>\n`;
}

/** The visible page: header, the statistics tab with its sections, the (script-built) sample browser. */
export function pageBody(options: { title: string; subtitle: string; statistics: string }): string {
  return `<header class="top">
<div class="brand">${escapeXml(options.title)}<span class="sub">${escapeXml(options.subtitle)}</span></div>
<nav class="tabs" role="tablist">
<button type="button" role="tab" data-tab="stats" aria-selected="true">Statistics</button>
<button type="button" role="tab" data-tab="samples" aria-selected="false">Samples</button>
</nav>
</header>
<main>
<div class="tab" id="tab-stats"><div class="grid">${options.statistics}</div></div>
<div class="tab" id="tab-samples" hidden>
<div class="browser">
<aside class="filters" id="filters" aria-label="filters"></aside>
<div class="list-pane"><div class="list-head" id="list-count"></div><div class="list" id="list" tabindex="0" role="listbox" aria-label="samples"><div class="list-spacer" id="list-spacer"></div></div></div>
<article class="conversation" id="conversation"><p class="empty">Pick a sample to read its conversation.</p></article>
</div>
</div>
</main>
`;
}

/**
 * The browser's script. It comes after the index and before the conversation chunks, so the list is
 * up while the browser still parses the chunks (most of the file); it waits for them only to open one.
 */
export function pageScript(): string {
  return `<script>${asset("viewer.js")}</script>\n`;
}

/** The end of the document. */
export function pageEnd(): string {
  return "</body>\n</html>\n";
}
