import { barChart, columnChart, escapeXml } from "./charts.js";

/** Distinct-n of one side of the conversations. */
interface DistinctView {
  distinct_1: number;
  distinct_2: number;
}

/** Duplicates among texts of one kind. */
interface DuplicateView {
  exact: number;
  near: number;
  rate: number;
}

/** The quality figures of one split (or of all samples), as far as the report draws them. */
export interface SplitQualityView {
  samples: number;
  distinct: { user: DistinctView; assistant: DistinctView };
  duplicates: {
    prompts: DuplicateView;
    trajectories: DuplicateView & { cross_split: number; removed: number };
  };
  persona_contradictions: number;
  persona_domain: { samples: number; matching: number; match_rate: number; coverage: number };
  query_reuse: { reused: number; rate: number };
}

/** The statistics' `quality` figures (diversity, duplicates, coherence): overall and per split. */
export interface QualityView {
  dedup: { remove: string; threshold: number; removed: number };
  overall: SplitQualityView;
  by_split: Record<string, SplitQualityView>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

function isSplitQuality(v: unknown): v is SplitQualityView {
  if (!isObject(v) || !isNumber(v.samples)) return false;
  const { distinct, duplicates, persona_domain, query_reuse } = v;
  return (
    isObject(distinct) &&
    isObject(distinct.user) &&
    isNumber(distinct.user.distinct_2) &&
    isObject(distinct.assistant) &&
    isNumber(distinct.assistant.distinct_2) &&
    isObject(duplicates) &&
    isObject(duplicates.prompts) &&
    isNumber(duplicates.prompts.rate) &&
    isObject(duplicates.trajectories) &&
    isNumber(duplicates.trajectories.rate) &&
    isNumber(v.persona_contradictions) &&
    isObject(persona_domain) &&
    isNumber(persona_domain.match_rate) &&
    isObject(query_reuse) &&
    isNumber(query_reuse.rate)
  );
}

/**
 * The statistics' quality figures when they carry them in the shape this report draws (statistics
 * written before the quality figures existed have none: the section is then left out).
 */
export function qualityOf(statistics: object): QualityView | undefined {
  const quality = (statistics as { quality?: unknown }).quality;
  if (!isObject(quality) || !isSplitQuality(quality.overall) || !isObject(quality.by_split)) return undefined;
  if (!Object.values(quality.by_split).every(isSplitQuality)) return undefined;
  if (!isObject(quality.dedup)) return undefined;
  return quality as unknown as QualityView;
}

const count = (n: number) => n.toLocaleString("en-US");
const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
const ratio = (x: number) => x.toFixed(3);

/** One row of the table: a split's figures. */
function row(name: string, q: SplitQualityView): string {
  const d = q.duplicates;
  const cells = [
    count(q.samples),
    ratio(q.distinct.user.distinct_1),
    ratio(q.distinct.user.distinct_2),
    ratio(q.distinct.assistant.distinct_1),
    ratio(q.distinct.assistant.distinct_2),
    `${count(d.prompts.exact + d.prompts.near)} (${percent(d.prompts.rate)})`,
    `${count(d.trajectories.exact + d.trajectories.near)} (${percent(d.trajectories.rate)})`,
    count(d.trajectories.cross_split),
    count(q.persona_contradictions),
    percent(q.persona_domain.match_rate),
    percent(q.query_reuse.rate),
  ];
  return `<tr><td>${escapeXml(name)}</td>${cells.map((c) => `<td>${c}</td>`).join("")}</tr>`;
}

/** The "Diversity and duplicates" card: one row per split and one for all samples. */
export function qualitySection(quality: QualityView | undefined): string {
  if (!quality) return "";
  const splits = Object.entries(quality.by_split).filter(([, q]) => q.samples > 0);
  const head = [
    "",
    "samples",
    "user distinct-1",
    "user distinct-2",
    "assistant distinct-1",
    "assistant distinct-2",
    "duplicate prompts",
    "duplicate trajectories",
    "across splits",
    "persona contradictions",
    "persona–query domain match",
    "query reuse",
  ];
  const removed =
    quality.dedup.remove === "none"
      ? "Duplicates are counted, none removed (training_data.dedup)."
      : `training_data.dedup removes ${escapeXml(quality.dedup.remove)} duplicates (threshold ${quality.dedup.threshold}): ${count(quality.dedup.removed)} left out of exports.`;
  return `<section class="card wide" id="quality"><h2>Diversity and duplicates</h2><p class="note">Distinct-n: distinct n-grams over all n-grams of the turns. Duplicates: exact (normalised text) and near (MinHash) copies of an earlier sample's initial prompt or whole trajectory; "across splits" counts trajectory copies whose first copy is in another split. ${removed}</p><table><thead><tr>${head
    .map((h) => `<th>${escapeXml(h)}</th>`)
    .join("")}</tr></thead><tbody>${row("all", quality.overall)}${splits
    .map(([name, q]) => row(name, q))
    .join("")}</tbody></table></section>`;
}

/** The judge's figures in the statistics (`quality.judge`). */
export interface JudgeView {
  scored: number;
  unscored: number;
  criteria: Record<string, number>;
  mean_score: number;
  score_histogram: Record<string, number>;
  min_score: number | null;
  filtered: number;
}

/** The statistics' judge figures when they carry any judged sample, in the shape this report draws. */
export function judgeOf(statistics: object): JudgeView | undefined {
  const quality = (statistics as { quality?: unknown }).quality;
  const judge = isObject(quality) ? quality.judge : undefined;
  if (!isObject(judge) || !isNumber(judge.scored) || judge.scored === 0) return undefined;
  const numbers = (v: unknown) => isObject(v) && Object.values(v).every(isNumber);
  if (!numbers(judge.criteria) || !numbers(judge.score_histogram) || !isNumber(judge.mean_score))
    return undefined;
  return judge as unknown as JudgeView;
}

/** The "Judge scores" card: the 0–1 scores in tenths and each criterion's mean. */
export function judgeSection(judge: JudgeView | undefined): string {
  if (!judge) return "";
  const filter =
    judge.min_score === null
      ? "no training_data.filter.min_score"
      : `training_data.filter.min_score ${judge.min_score} leaves ${count(judge.filtered)} out of exports`;
  const note = `${count(judge.scored)} samples judged (${count(judge.unscored)} not), mean score ${judge.mean_score.toFixed(3)}; ${filter}.`;
  return `<section class="card wide" id="judge"><h2>Judge scores</h2><p class="note">${escapeXml(note)}</p><div class="figures"><figure><figcaption>score (0–1)</figcaption>${columnChart(
    "judge scores",
    Object.entries(judge.score_histogram),
  )}</figure><figure><figcaption>mean by criterion (1–5)</figcaption>${barChart(
    "judge criteria",
    Object.entries(judge.criteria),
    { format: (x) => x.toFixed(2) },
  )}</figure></div></section>`;
}
