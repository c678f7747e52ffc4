import assert from "node:assert/strict";
import { test } from "node:test";
import { qualityOf, type SplitQualityView } from "../../src/report/quality-sections.js";
import { FiguresAccumulator } from "../../src/report/report-figures.js";
import { statisticsSections } from "../../src/report/sections.js";
import { StatisticsAccumulator } from "../../src/training/statistics.js";

function split(samples: number, dupRate: number): SplitQualityView {
  return {
    samples,
    distinct: {
      user: { distinct_1: 0.41, distinct_2: 0.8123 },
      assistant: { distinct_1: 0.12, distinct_2: 0.3456 },
    },
    duplicates: {
      prompts: { exact: 2, near: 1, rate: dupRate },
      trajectories: { exact: 1, near: 0, rate: dupRate / 3, cross_split: 1, removed: 0 },
    },
    persona_contradictions: 0,
    persona_domain: { samples, matching: samples / 2, match_rate: 0.5, coverage: 0.2 },
    query_reuse: { reused: 0, rate: 0 },
  };
}

const full = () =>
  new StatisticsAccumulator({ ratios: { train: 0.8, validation: 0.1, test: 0.1 } }).result(new Date(0));
/** Statistics as an older version wrote them: no quality figures. */
const base = () => {
  const { quality: _, ...rest } = full();
  return rest as ReturnType<typeof full>;
};
const render = (statistics: object) =>
  statisticsSections({
    statistics: statistics as ReturnType<typeof full>,
    figures: new FiguresAccumulator().result(),
    usage: undefined,
    failures: undefined,
    shown: 0,
  });

test("the statistics' quality figures get a table: all samples, then each split that has samples", () => {
  const statistics = {
    ...base(),
    quality: {
      dedup: { remove: "near", threshold: 0.8, removed: 4 },
      overall: split(100, 0.03),
      by_split: { train: split(90, 0.0333), validation: split(0, 0), test: split(10, 0) },
    },
  };
  const html = render(statistics);
  const card = html.slice(html.indexOf('id="quality"'));
  const rows = [...card.matchAll(/<tr><td>([^<]*)<\/td>/g)].map((m) => m[1]);
  assert.deepEqual(rows, ["all", "train", "test"], "an empty split has no row");
  assert.match(
    card,
    /<td>all<\/td><td>100<\/td><td>0\.410<\/td><td>0\.812<\/td><td>0\.120<\/td><td>0\.346<\/td><td>3 \(3\.0%\)<\/td>/,
  );
  assert.match(card, /removes near duplicates \(threshold 0\.8\): 4 left out of exports/);
});

test("statistics without quality figures, or with figures of another shape, have no quality section", () => {
  assert.equal(qualityOf(base()), undefined);
  assert.ok(!render(base()).includes('id="quality"'));
  const odd = { ...base(), quality: { overall: { samples: 3 }, by_split: {}, dedup: {} } };
  assert.equal(qualityOf(odd), undefined);
  assert.ok(!render(odd).includes('id="quality"'));
});

test("the judge's figures get their card when some sample was judged", () => {
  const judge = {
    scored: 40,
    unscored: 2,
    criteria: {
      persona_fidelity: 4.2,
      user_realism: 3.5,
      assistant_helpfulness: 4.8,
      noise_plausibility: 3.1,
    },
    mean_score: 0.7,
    score_histogram: { "0.0-0.1": 0, "0.5-0.6": 10, "0.7-0.8": 30 },
    min_score: 0.6,
    filtered: 10,
  };
  const html = render({ ...base(), quality: { judge } });
  const card = html.slice(html.indexOf('id="judge"'));
  assert.match(
    card,
    /40 samples judged \(2 not\), mean score 0\.700; training_data\.filter\.min_score 0\.6 leaves 10 out/,
  );
  assert.match(card, /<title>user_realism: 3\.50<\/title>/);
  assert.match(card, /<title>0\.7-0\.8: 30<\/title>/);
  assert.ok(!render({ ...base(), quality: { judge: { ...judge, scored: 0 } } }).includes('id="judge"'));
});
