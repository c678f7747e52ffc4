// The report in a real browser (Debian's Chromium through playwright-core): it opens without a
// console error or a single network request, filters, opens a conversation and shows its diff. The
// screenshot is kept as a test artifact (test-artifacts/report-browser.png; docs/report.png is a copy).
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { InteractionStorage } from "../../src/interaction/storage.js";
import { EnhancedPersonaGenerationPipeline } from "../../src/pipeline/pipeline.js";
import { writeReport } from "../../src/report/report.js";
import { fixedClock } from "../../src/util/clock.js";
import { launchChromium, openReport } from "../helpers/browser.js";
import { makeInteraction } from "../helpers/interactions.js";
import { ROOT, tempDir } from "../helpers/paths.js";
import { readReportBlocks } from "../helpers/report-html.js";

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

test("the report opens offline, filters, and shows a conversation with its noise as a diff", async (t) => {
  const out = tempDir(t);
  await new EnhancedPersonaGenerationPipeline(undefined, {
    out,
    clock: fixedClock("2026-03-04T05:06:07Z"),
    env: {},
  }).run({ numPersonas: 20 });
  const file = join(out, "report.html");
  await writeReport({
    sources: {
      interactions: join(out, "interactions"),
      personas: join(out, "personas"),
      queries: join(out, "queries"),
      usage: join(out, "usage"),
      runs: join(out, "runs"),
    },
    out: file,
  });
  const stored = await new InteractionStorage(join(out, "interactions")).loadAll();
  const layers = (r: Record<string, unknown>) => {
    const noisy = (
      r.metadata as {
        noisy_versions?: {
          initial_query?: { noisy_versions?: Array<{ noise_type: string }> };
          followups?: Array<{ noisy_versions: Array<{ noise_type: string }> }>;
        };
      }
    ).noisy_versions;
    return [
      ...(noisy?.initial_query?.noisy_versions ?? []),
      ...(noisy?.followups ?? []).flatMap((f) => f.noisy_versions),
    ].map((v) => v.noise_type);
  };
  const surface = stored.filter((r) => layers(r).includes("surface_noise")).length;
  assert.ok(
    surface > 0 && surface < stored.length,
    `${surface} of ${stored.length} samples with surface noise`,
  );

  const { page, errors, requests, url } = await openReport(browser, file);
  try {
    // Statistics first: charts drawn by the page itself.
    assert.ok(await page.isVisible("#overview"));
    assert.ok((await page.locator("#tab-stats svg.chart").count()) > 10);

    await page.click('button[data-tab="samples"]');
    assert.equal(await page.textContent("#list-count"), `${stored.length} of ${stored.length} samples`);
    await page.selectOption("#filter-layer", { label: "surface_noise" });
    assert.equal(await page.textContent("#list-count"), `${surface} of ${stored.length} samples`);
    const rows = page.locator("#list .row");
    assert.ok((await rows.count()) > 0);
    for (const tag of await page.locator("#list .row").first().locator(".tag.noise").allTextContents())
      assert.ok(["surface_noise", "incomplete_info", "semantic_ambiguity"].includes(tag));

    // Open the first conversation whose user turn was noised from edit records.
    await rows.first().click();
    await page.waitForSelector("#conversation h2");
    const id = await page.textContent("#conversation h2");
    assert.equal(id, await rows.first().locator(".row-id").textContent());
    const noised = page.locator("#conversation .turn.user.noised", { hasText: "surface_noise" }).first();
    await noised.waitFor();
    assert.ok((await noised.locator("del, ins").count()) > 0, "the noisy turn shows what changed");
    const record = stored.find((r) => String(r.interaction_id).replace("interaction_", "sample_") === id);
    const features = Object.keys((record?.persona_features ?? {}) as object).length;
    assert.match(
      (await page.textContent("#conversation .persona summary")) ?? "",
      new RegExp(`\\(${features} features\\)$`),
    );
    await page.click("#conversation .system-prompt summary");
    assert.ok(((await page.textContent("#conversation .system-prompt pre")) ?? "").length > 100);

    // A persona filter narrows the list further; clearing brings every sample back.
    await page.selectOption("#filter-dimension", { label: "role" });
    const role = (await page.locator("#filter-value option").nth(1).textContent()) as string;
    await page.selectOption("#filter-value", { label: role });
    const withRole = stored.filter(
      (r) =>
        layers(r).includes("surface_noise") && (r.persona_features as Record<string, string>).role === role,
    ).length;
    assert.equal(await page.textContent("#list-count"), `${withRole} of ${stored.length} samples`);
    await page.click("#filters .reset");
    assert.equal(await page.textContent("#list-count"), `${stored.length} of ${stored.length} samples`);

    // Every other filter, against the index as Node decodes it from the file.
    const { index } = readReportBlocks(readFileSync(file, "utf8"));
    const s = index.samples;
    const filters: Array<[string, string, (i: number) => boolean]> = [
      ["split", index.vocab.split[0], (i) => s.split[i] === 0],
      ["domain", index.vocab.domain[1], (i) => s.domain[i] === 1],
      ["strategy", index.vocab.strategy[0], (i) => s.strategies[i].includes(0)],
      ["reason", index.vocab.reason[1], (i) => s.reason[i] === 1],
      ["layer", "no noise", (i) => s.layers[i].length === 0],
    ];
    for (const [name, label, keep] of filters) {
      await page.selectOption(`#filter-${name}`, { label });
      const expected = s.id.filter((_: string, i: number) => keep(i)).length;
      assert.ok(expected > 0 && expected < stored.length, `${name} = ${label} keeps ${expected}`);
      assert.equal(
        await page.textContent("#list-count"),
        `${expected} of ${stored.length} samples`,
        `${name} = ${label}`,
      );
      await page.click("#filters .reset");
    }
    const word = (s.preview[0] as string).split(" ").slice(0, 3).join(" ");
    await page.fill("#filter-search", word);
    const found = s.preview.filter((p: string) => p.toLowerCase().includes(word.toLowerCase())).length;
    assert.equal(await page.textContent("#list-count"), `${found} of ${stored.length} samples`);
    await page.click("#filters .reset");

    await page.selectOption("#filter-layer", { label: "surface_noise" });
    await rows.first().click();
    await page.waitForSelector("#conversation .turn.user.noised del, #conversation .turn.user.noised ins");

    mkdirSync(join(ROOT, "test-artifacts"), { recursive: true });
    await page.screenshot({ path: join(ROOT, "test-artifacts", "report-browser.png") });

    assert.deepEqual(errors, [], "no console error");
    assert.deepEqual(requests, [url], "the report itself is the only request");
  } finally {
    await page.close();
  }
});

test("judged samples can be filtered by their score; unjudged ones have no score filter to pass", async (t) => {
  const dir = tempDir(t);
  const store = new InteractionStorage(join(dir, "interactions"));
  for (let i = 0; i < 8; i++) {
    const record = makeInteraction(i);
    if (i < 6) record.metadata = { ...record.metadata, judge: { user_realism: 1 + (i % 5), score: i / 5 } };
    await store.save(record);
  }
  await store.close();
  const file = join(dir, "report.html");
  await writeReport({ sources: { interactions: join(dir, "interactions") }, out: file });
  const { page, errors } = await openReport(browser, file);
  try {
    await page.click('button[data-tab="samples"]');
    await page.fill("#filter-score", "0.6");
    assert.equal(await page.textContent("#list-count"), "3 of 8 samples", "scores 0.6, 0.8 and 1.0");
    await page.locator("#list .row").first().click();
    await page.waitForSelector("#conversation h2");
    assert.match((await page.textContent("#conversation .facts")) ?? "", /judge score0\.60/);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});
