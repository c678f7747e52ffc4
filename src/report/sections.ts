import type { DatasetStatistics } from "../training/statistics.js";
import { barChart, columnChart, escapeXml, heatmap } from "./charts.js";
import { judgeOf, judgeSection, qualityOf, qualitySection } from "./quality-sections.js";
import { LENGTH_BINS, type ReportFigures } from "./report-figures.js";
import type { FailureFigures, UsageFigures, UsageGroup } from "./side-records.js";

/** Everything the statistics tab draws; a section whose figures are absent is left out. */
export interface ReportContent {
  statistics: DatasetStatistics;
  figures: ReportFigures;
  usage: UsageFigures | undefined;
  failures: FailureFigures | undefined;
  /** Samples in the browser (the first `shown` of the store). */
  shown: number;
}

const count = (n: number) => n.toLocaleString("en-US");
const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

function card(id: string, title: string, body: string, note?: string, wide = false): string {
  return `<section class="card${wide ? " wide" : ""}" id="${id}"><h2>${escapeXml(title)}</h2>${
    note ? `<p class="note">${escapeXml(note)}</p>` : ""
  }${body}</section>`;
}

function entries(counts: Record<string, number> | undefined): Array<[string, number]> {
  return Object.entries(counts ?? {});
}

function tiles(c: ReportContent): string {
  const s = c.statistics;
  const items: Array<[string, string]> = [
    ["samples", count(s.total_samples)],
    ["personas", count(s.unique_personas)],
    ["user prompts", count(s.total_user_prompts)],
    ["turns (avg · min–max)", `${s.avg_turns.toFixed(2)} · ${s.min_turns}–${s.max_turns}`],
    ["samples with noise", `${percent(s.distractor_stats.noise_rate)}`],
    [
      "train · validation · test",
      `${count(s.samples_by_split.train)} · ${count(s.samples_by_split.validation)} · ${count(s.samples_by_split.test)}`,
    ],
  ];
  if (c.failures) items.push(["failed items", count(c.failures.total)]);
  const shown =
    c.shown < s.total_samples
      ? `<p class="note">The sample browser holds the first ${count(c.shown)} of ${count(s.total_samples)} samples (--max-samples); every figure covers them all.</p>`
      : "";
  return `<section class="card wide" id="overview"><h2>Overview</h2><div class="tiles">${items
    .map(
      ([k, v]) =>
        `<div class="tile"><div class="tile-value">${escapeXml(v)}</div><div class="tile-label">${escapeXml(k)}</div></div>`,
    )
    .join("")}</div>${shown}</section>`;
}

function personaSections(f: ReportFigures): string {
  const dims = Object.entries(f.dimensions);
  if (dims.length === 0) return "";
  const charts = dims
    .map(
      ([name, values]) =>
        `<figure><figcaption>${escapeXml(name)}</figcaption>${barChart(
          name,
          Object.entries(values).sort((a, b) => b[1] - a[1]),
        )}</figure>`,
    )
    .join("");
  return card(
    "personas",
    "Persona dimensions",
    `<div class="figures narrow">${charts}</div>`,
    "Distinct personas per value of each dimension.",
    true,
  );
}

function domainSections(f: ReportFigures): string {
  const out: string[] = [];
  const domains = entries(f.queryDomains).sort((a, b) => b[1] - a[1]);
  if (domains.length > 0) out.push(card("domains", "Query domains", barChart("query domains", domains)));
  const rows = Object.keys(f.domainCoverage).sort();
  if (rows.length > 0) {
    const columns = [...new Set([...rows, ...domains.map(([d]) => d)])].sort();
    let total = 0;
    let matched = 0;
    for (const r of rows)
      for (const [c, n] of entries(f.domainCoverage[r])) {
        total += n;
        if (r === c) matched += n;
      }
    out.push(
      card(
        "coverage",
        "Persona × query domain",
        heatmap("persona domain by query domain", rows, columns, (r, c) => f.domainCoverage[r]?.[c] ?? 0),
        `Rows: the persona's domain; columns: the domain of the query it got. ${percent(total === 0 ? 0 : matched / total)} of samples match (outlined cells).`,
      ),
    );
  }
  return out.join("");
}

function lengthColumns(bins: readonly number[]): Array<[string, number]> {
  return bins.map((n, i) => [
    i === 0
      ? `<${LENGTH_BINS[0]}`
      : i === LENGTH_BINS.length
        ? `${LENGTH_BINS[i - 1]}+`
        : `${LENGTH_BINS[i - 1]}–`,
    n,
  ]);
}

function conversationSections(f: ReportFigures): string {
  const out: string[] = [];
  const turns = entries(f.turns).sort((a, b) => Number(a[0]) - Number(b[0]));
  if (turns.length > 0) out.push(card("turns", "Turns per conversation", columnChart("turns", turns)));
  const lengths: Array<[string, string, number[]]> = [
    ["user-lengths", "User prompt length (characters)", f.userLengths],
    ["assistant-lengths", "Assistant reply length (characters)", f.assistantLengths],
  ];
  for (const [id, title, bins] of lengths)
    if (bins.some((n) => n > 0)) out.push(card(id, title, columnChart(title, lengthColumns(bins))));
  return out.join("");
}

/** A bar chart card of some counts, left out when there are none. */
function countsCard(id: string, title: string, counts: Record<string, number>, note?: string): string {
  const rows = entries(counts);
  return rows.length === 0 ? "" : card(id, title, barChart(title, rows), note);
}

function noiseSections(s: DatasetStatistics): string {
  const d = s.distractor_stats;
  if (d.noisy_prompts === 0) return "";
  const note = `${count(d.noisy_prompts)} noisy versions over ${count(s.total_user_prompts)} user prompts; ${percent(d.noise_rate)} of samples have at least one.`;
  return (
    card(
      "noise-layers",
      "Noise layers applied",
      barChart("noise layers", entries(d.layer_distribution)),
      note,
    ) +
    card(
      "noise-strategies",
      "Noise strategies applied",
      barChart("noise strategies", entries(d.strategy_distribution)),
    )
  );
}

function usageSection(usage: UsageFigures | undefined): string {
  if (!usage) return "";
  const tokens = (groups: Record<string, UsageGroup>) =>
    Object.entries(groups)
      .map(([k, g]) => [k, g.input_tokens + g.output_tokens] as [string, number])
      .sort((a, b) => b[1] - a[1]);
  const cost = (groups: Record<string, UsageGroup>) =>
    Object.entries(groups)
      .map(([k, g]) => [k, g.cost_usd] as [string, number])
      .sort((a, b) => b[1] - a[1]);
  const dollars = (x: number) => `$${x.toFixed(x < 1 ? 4 : 2)}`;
  const table = (groups: Record<string, UsageGroup>) =>
    `<table><thead><tr><th></th><th>calls</th><th>cached</th><th>failed</th><th>input tokens</th><th>output tokens</th><th>cost</th></tr></thead><tbody>${Object.entries(
      groups,
    )
      .map(
        ([k, g]) =>
          `<tr><td>${escapeXml(k)}</td><td>${count(g.calls)}</td><td>${count(g.cache_hits)}</td><td>${count(g.failures)}</td><td>${count(g.input_tokens)}</td><td>${count(g.output_tokens)}</td><td>${dollars(g.cost_usd)}</td></tr>`,
      )
      .join("")}</tbody></table>`;
  return card(
    "usage",
    "Tokens and cost",
    `<div class="figures"><figure><figcaption>tokens by stage</figcaption>${barChart("tokens by stage", tokens(usage.by_stage))}</figure><figure><figcaption>tokens by model</figcaption>${barChart("tokens by model", tokens(usage.by_model))}</figure><figure><figcaption>cost by stage</figcaption>${barChart("cost by stage", cost(usage.by_stage), { format: dollars })}</figure><figure><figcaption>cost by model</figcaption>${barChart("cost by model", cost(usage.by_model), { format: dollars })}</figure></div>${table(usage.by_stage)}${table(usage.by_model)}`,
    "Every API call of every run of this store (offline-engine calls cost nothing and are not listed).",
    true,
  );
}

function failureSection(failures: FailureFigures | undefined): string {
  if (!failures) return "";
  const rows = failures.examples
    .map(
      (e) =>
        `<tr><td>${escapeXml(e.item_id)}</td><td>${escapeXml(e.code)}</td><td>${escapeXml(e.reason.length > 200 ? `${e.reason.slice(0, 199)}…` : e.reason)}</td></tr>`,
    )
    .join("");
  return card(
    "failures",
    "Failures by reason",
    `${barChart(
      "failures by code",
      entries(failures.by_code).sort((a, b) => b[1] - a[1]),
    )}<table><thead><tr><th>item</th><th>code</th><th>reason</th></tr></thead><tbody>${rows}</tbody></table>`,
    `${count(failures.total)} items failed and were not produced since (rerun the same command to retry them).`,
    true,
  );
}

/**
 * The statistics tab: every section whose figures the store has. Half-width cards first, in pairs that
 * belong together, then the wide ones (a wide card between them would leave holes in the grid).
 */
export function statisticsSections(content: ReportContent): string {
  const s = content.statistics;
  return [
    tiles(content),
    failureSection(content.failures),
    countsCard(
      "splits",
      "Samples by split",
      s.samples_by_split,
      "Split by persona: no persona is in two splits.",
    ),
    countsCard("endings", "Termination reasons", s.termination_reasons),
    conversationSections(content.figures),
    countsCard("models", "Assistant models", s.assistant_models),
    noiseSections(s),
    qualitySection(qualityOf(s)),
    judgeSection(judgeOf(s)),
    domainSections(content.figures),
    personaSections(content.figures),
    usageSection(content.usage),
  ].join("");
}
