import assert from "node:assert/strict";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { StoreError } from "../../src/errors.js";
import type { LibraryEvent } from "../../src/events.js";
import { InteractionStorage } from "../../src/interaction/storage.js";
import { openSystemPromptStore } from "../../src/persona/persona-stores.js";
import { EnhancedPersonaGenerationPipeline } from "../../src/pipeline/pipeline.js";
import { writeReport } from "../../src/report/report.js";
import { fixedClock } from "../../src/util/clock.js";
import { makeInteraction } from "../helpers/interactions.js";
import { tempDir } from "../helpers/paths.js";
import { readReportBlocks } from "../helpers/report-html.js";

const clock = fixedClock("2026-03-04T05:06:07Z");

function sources(out: string) {
  return {
    interactions: join(out, "interactions"),
    personas: join(out, "personas"),
    queries: join(out, "queries"),
    usage: join(out, "usage"),
    runs: join(out, "runs"),
  };
}

/** A real offline run: 4 personas × 3 queries, with the default noise. */
async function offlineStore(t: { after(fn: () => void): void }): Promise<string> {
  const out = tempDir(t);
  await new EnhancedPersonaGenerationPipeline(undefined, { out, clock, env: {} }).run({ numPersonas: 4 });
  return out;
}

/** The HTML of one section of the statistics tab. */
const section = (html: string, id: string) => {
  const start = html.indexOf(`id="${id}"`);
  return html.slice(start, html.indexOf("</section>", start));
};

const sectionIds = (html: string) =>
  [...html.matchAll(/<section class="card[^"]*" id="([^"]+)"/g)].map((m) => m[1]);

test("a report of an offline run: every section the store has figures for, and the samples to browse", async (t) => {
  const out = await offlineStore(t);
  const file = join(out, "report.html");
  const result = await writeReport({ sources: sources(out), out: file, clock });
  assert.equal(result.statistics.total_samples, 12);
  assert.equal(result.shown, 12);
  const html = readFileSync(file, "utf8");
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
  assert.doesNotMatch(html, /\b(src|href)=["']?(https?:)?\/\//, "nothing refers to the network");
  // Offline runs record no per-call usage and this one has no failures: those sections are left out.
  assert.deepEqual(sectionIds(html), [
    "overview",
    "splits",
    "endings",
    "turns",
    "user-lengths",
    "assistant-lengths",
    "models",
    "noise-layers",
    "noise-strategies",
    "quality",
    "domains",
    "coverage",
    "personas",
  ]);

  const data = readReportBlocks(html);
  const stored = await new InteractionStorage(join(out, "interactions")).loadAll();
  assert.deepEqual(
    data.index.samples.id,
    stored.map((r) => String(r.interaction_id).replace("interaction_", "sample_")),
  );
  assert.equal(data.meta.total, 12);
  assert.equal(data.meta.chunks, 1);
  assert.ok(
    data.index.vocab.domain.length > 0,
    "every sample's query domain is known (recorded with the interaction)",
  );
  assert.ok(data.index.samples.domain.every((d: number) => d >= 0));

  // Each persona points at its system prompt, as stored.
  const prompts = await openSystemPromptStore(join(out, "personas")).loadAll();
  const promptOf = new Map(prompts.map((p) => [p.persona_id, p.system_prompt]));
  data.index.personas.forEach((persona: { id: string }, i: number) => {
    const [block, slot] = data.index.prompts[i];
    assert.equal(data.prompts(block)[slot], promptOf.get(persona.id));
  });

  // Every noised user turn carries a diff whose sides are the clean version and the text sent.
  const chunk = data.chunk(0);
  let diffs = 0;
  stored.forEach((record, i) => {
    const view = chunk[i] as { turns: Array<{ role: string; text?: string; diff?: string[] }> };
    const messages = record.messages as Array<{
      role: string;
      content: string;
      metadata?: { clean_version?: string };
    }>;
    assert.equal(view.turns.length, messages.length);
    messages.forEach((m, k) => {
      const turn = view.turns[k] as { role: string; text?: string; diff?: string[] };
      assert.equal(turn.role, m.role);
      if (!turn.diff) {
        assert.equal(turn.text, m.content);
        return;
      }
      diffs++;
      const side = (drop: string) =>
        turn.diff
          ?.filter((p) => p[0] !== drop)
          .map((p) => p.slice(1))
          .join("");
      assert.equal(side("+"), m.metadata?.clean_version);
      assert.equal(side("-"), m.content);
    });
  });
  assert.ok(diffs > 0, "the default offline run noises some prompts");
});

test("maxSamples bounds the browser; the figures still cover the whole store", async (t) => {
  const out = await offlineStore(t);
  const file = join(out, "report.html");
  const result = await writeReport({ sources: sources(out), out: file, clock, maxSamples: 5 });
  assert.equal(result.shown, 5);
  assert.equal(result.statistics.total_samples, 12);
  const html = readFileSync(file, "utf8");
  const data = readReportBlocks(html);
  assert.equal(data.index.samples.id.length, 5);
  assert.equal(data.chunk(0).length, 5);
  assert.match(html, /holds the first 5 of 12 samples/);
});

test("API usage and failed items of the runs get their sections, with their figures", async (t) => {
  const dir = tempDir(t);
  const store = new InteractionStorage(join(dir, "interactions"));
  for (let i = 0; i < 6; i++) await store.save(makeInteraction(i, { noisy: i % 2 === 0 }));
  await store.close();
  // Records without the domain in their metadata (older stores) find it in the queries store.
  const queries = new InteractionStorage(join(dir, "queries"), { idKey: "query_id", prefix: "queries" });
  for (let i = 0; i < 6; i++)
    await queries.save({ query_id: `bank:q${i}`, inferred_domain: i < 4 ? "cooking" : "travel" });
  await queries.close();
  mkdirSync(join(dir, "usage"));
  const call = (stage: string, model: string, input: number, output: number, cost: number, extra = {}) =>
    `${JSON.stringify({ item_id: "i", stage, operation: "op", provider: "openai", model, input_tokens: input, output_tokens: output, latency_ms: 5, attempts: 1, cache_hit: false, cost_usd: cost, ok: true, ...extra })}\n`;
  writeFileSync(
    join(dir, "usage", "usage-plan_a.jsonl"),
    call("interaction", "gpt-4o-mini", 1000, 250, 0.0003) +
      call("interaction", "gpt-4o-mini", 2000, 500, 0.0006, { cache_hit: true }) +
      call("style_transfer", "gpt-4o", 300, 100, 0.002) +
      '{"item_id": "torn',
  );
  mkdirSync(join(dir, "runs", "plan_a"), { recursive: true });
  writeFileSync(
    join(dir, "runs", "plan_a", "failures.json"),
    JSON.stringify([
      { item_id: "item_1", reason: "timeout after 3 attempts", code: "PROVIDER" },
      { item_id: "item_2", reason: "answer failed its check <twice>", code: "DATA" },
      { item_id: "item_3", reason: "timeout after 3 attempts", code: "PROVIDER" },
    ]),
  );
  const file = join(dir, "report.html");
  await writeReport({ sources: sources(dir), out: file, clock });
  const html = readFileSync(file, "utf8");
  const { index } = readReportBlocks(html);
  assert.deepEqual(index.vocab.domain, ["cooking", "travel"]);
  assert.deepEqual(index.samples.domain, [0, 0, 0, 0, 1, 1]);
  assert.ok(sectionIds(html).includes("usage"));
  assert.ok(sectionIds(html).includes("failures"));
  const usage = section(html, "usage");
  assert.match(
    usage,
    /<td>interaction<\/td><td>2<\/td><td>1<\/td><td>0<\/td><td>3,000<\/td><td>750<\/td><td>\$0\.0009<\/td>/,
  );
  assert.match(
    usage,
    /<td>openai\/gpt-4o<\/td><td>1<\/td><td>0<\/td><td>0<\/td><td>300<\/td><td>100<\/td><td>\$0\.0020<\/td>/,
  );
  const failures = section(html, "failures");
  assert.match(failures, /3 items failed/);
  assert.match(failures, /PROVIDER: 2/);
  assert.match(failures, /answer failed its check &#60;twice&#62;/, "reasons are escaped");
});

test("a judged sample carries its score in the index and its verdict in the conversation's facts", async (t) => {
  const dir = tempDir(t);
  const store = new InteractionStorage(join(dir, "interactions"));
  for (let i = 0; i < 4; i++) {
    const record = makeInteraction(i);
    if (i > 0)
      record.metadata = {
        ...record.metadata,
        judge: {
          persona_fidelity: 4,
          user_realism: i,
          score: i / 4,
          rationale: `reason ${i}`,
          provider: "offline",
          model: "judge-v1",
        },
      };
    await store.save(record);
  }
  await store.close();
  const file = join(dir, "report.html");
  await writeReport({ sources: { interactions: join(dir, "interactions") }, out: file, clock });
  const data = readReportBlocks(readFileSync(file, "utf8"));
  assert.deepEqual(data.index.samples.score, [null, 0.25, 0.5, 0.75]);
  const facts = Object.fromEntries((data.chunk(0)[2] as { facts: Array<[string, string]> }).facts);
  assert.equal(facts["judge score"], "0.50 by offline/judge-v1");
  assert.equal(facts.criteria, "persona_fidelity 4, user_realism 2");
  assert.equal(facts.rationale, "reason 2");
  assert.equal(
    Object.fromEntries((data.chunk(0)[0] as { facts: Array<[string, string]> }).facts)["judge score"],
    undefined,
  );
});

test("text from the data never becomes markup: labels are escaped, samples are compressed data", async (t) => {
  const dir = tempDir(t);
  const store = new InteractionStorage(join(dir, "interactions"));
  const hostile = "</script><img src=x onerror=alert(1)>";
  for (let i = 0; i < 3; i++) {
    const record = makeInteraction(i, { role: hostile });
    record.messages[1] = { ...record.messages[1], role: "assistant", content: hostile };
    await store.save(record);
  }
  await store.close();
  const file = join(dir, "report.html");
  await writeReport({ sources: { interactions: join(dir, "interactions") }, out: file, clock });
  const html = readFileSync(file, "utf8");
  assert.ok(!html.includes("<img"), "no injected element");
  assert.match(html, /&#60;\/script&#62;&#60;img src=x/);
  const first = readReportBlocks(html).chunk(0)[0] as { turns: Array<{ text?: string }> };
  assert.equal(first.turns[1]?.text, hostile, "kept as data, shown by the page as text");
});

test("records that are not interactions are skipped with a warning; a corrupt store leaves no report behind", async (t) => {
  const dir = tempDir(t);
  const store = new InteractionStorage(join(dir, "interactions"));
  await store.save(makeInteraction(1));
  await store.save({ interaction_id: "interaction_bad", persona_id: "p", messages: "nope" });
  await store.close();
  const events: LibraryEvent[] = [];
  const file = join(dir, "report.html");
  const result = await writeReport({
    sources: { interactions: join(dir, "interactions") },
    out: file,
    clock,
    events: (e) => events.push(e),
  });
  assert.equal(result.skipped, 1);
  assert.equal(result.statistics.total_samples, 1);
  assert.ok(events.some((e) => e.type === "warning" && e.message.startsWith("skipped interaction_bad")));

  appendFileSync(join(dir, "interactions", "interactions-000001.jsonl"), "{not json\n{}\n");
  const broken = join(dir, "broken.html");
  await assert.rejects(
    writeReport({ sources: { interactions: join(dir, "interactions") }, out: broken, clock }),
    StoreError,
  );
  assert.equal(existsSync(broken), false);
});
