// `npm run bench -- report`: a report of 50,000 samples, as a user makes and opens it.
//  1. A store of 50,000 conversations: 2,500 from the offline engine (the bundled seed queries, each
//     with a case number so every conversation has its own query), replicated 20 times under fresh
//     persona, interaction and query ids with their system prompts and query records — real
//     conversations, prompts, domains and noise at the size of a 50,000-sample store, without a
//     5-minute generation run on a shared machine. BENCH_SAMPLES overrides the count.
//  2. `personasynth report` with the built CLI in its own process: wall time, peak RSS, file size.
//  3. The report opened in headless Chromium 3 times (a fresh tab each), as the browser test does:
//     time from asking the tab to load the file to the sample browser being ready, its list shown
//     and filterable (target < 3 s, the median decides; the empty tab's own start is printed apart), then
//     a filter and the opening of a conversation. Prints every run and the median. BENCH_KEEP=1 keeps
//     the store and the report.
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InteractionStorage } from "../src/interaction/storage.js";
import { launchChromium, openReport } from "../test/helpers/browser.js";
import { ROOT } from "../test/helpers/paths.js";
import { fmt } from "./_harness.js";

const samples = Number(process.env.BENCH_SAMPLES ?? 50_000);
const COPIES = 20;
const perPersona = 5;
const dir = mkdtempSync(join(tmpdir(), "bench-report-"));

/** A new id of the same kind for copy `k` (the hex tail changes; the prefix stays). */
const copyId = (id: string, k: number) => (k === 0 ? id : `${id}${k.toString(16).padStart(2, "0")}`);

/**
 * Appends copies of every stored record under fresh persona, interaction and query ids until the
 * interactions store holds `total` records; each persona's system prompt and each query record is copied
 * with it.
 */
async function replicate(out: string, total: number): Promise<void> {
  const open = (sub: string, idKey: string, prefix: string) =>
    new InteractionStorage(join(out, sub), { idKey, prefix });
  const stores = {
    interactions: open("interactions", "interaction_id", "interactions"),
    prompts: open("personas", "persona_id", "system_prompts"),
    queries: open("queries", "query_id", "queries"),
  };
  const records = {
    interactions: await stores.interactions.loadAll(),
    prompts: await stores.prompts.loadAll(),
    queries: await stores.queries.loadAll(),
  };
  for (let k = 1; records.interactions.length * k < total; k++) {
    const left = total - records.interactions.length * k;
    await stores.interactions.saveAll(
      records.interactions.slice(0, left).map((r) => ({
        ...r,
        interaction_id: copyId(r.interaction_id as string, k),
        persona_id: copyId(r.persona_id as string, k),
        metadata: {
          ...(r.metadata as object),
          query_id: copyId((r.metadata as { query_id: string }).query_id, k),
        },
      })),
    );
    await stores.prompts.saveAll(
      records.prompts.map((r) => ({ ...r, persona_id: copyId(r.persona_id as string, k) })),
    );
    await stores.queries.saveAll(
      records.queries.map((r) => ({ ...r, query_id: copyId(r.query_id as string, k) })),
    );
  }
  for (const store of Object.values(stores)) await store.close();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/**
 * Runs the built CLI in its own process; returns wall ms, CPU s (user + system, as last read), peak
 * RSS (MB) and stdout. On a loaded machine the CPU time says more than the wall time.
 */
async function cli(
  args: string[],
): Promise<{ wallMs: number; cpuS: number; peakMb: number; stdout: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, "dist", "cli", "main.js"), ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  let peakKb = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      // Fields 14 and 15 of /proc/PID/stat (after the parenthesised name): user and system ticks.
      const stat = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      ticks = Number(stat[11]) + Number(stat[12]);
    } catch {
      // the process has just exited
    }
  }, 20);
  const [code] = (await once(child, "exit")) as [number | null];
  clearInterval(timer);
  if (code !== 0) throw new Error(`personasynth ${args[0]} failed (exit ${code}):\n${stdout}`);
  return { wallMs: performance.now() - started, cpuS: ticks / 100, peakMb: peakKb / 1024, stdout };
}

try {
  const seeds = readFileSync(join(ROOT, "data", "seed_queries.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { id: string; domain: string; query: string });
  const base = Math.ceil(samples / COPIES);
  const lines: string[] = [];
  for (let i = 0; i < base; i++) {
    const seed = seeds[i % seeds.length] as (typeof seeds)[number];
    const round = Math.floor(i / seeds.length);
    lines.push(
      JSON.stringify({
        id: `${seed.id}-${round}`,
        domain: seed.domain,
        query: `${seed.query} (case ${round})`,
      }),
    );
  }
  const dataset = join(dir, "queries.jsonl");
  writeFileSync(dataset, `${lines.join("\n")}\n`);
  const config = join(dir, "config.yaml");
  writeFileSync(
    config,
    JSON.stringify({
      paths: { query_datasets: [dataset] },
      query_generation: { selection: { queries_per_persona: perPersona } },
      persona_generation: { diversity: { min_hamming_distance: 2 } },
      experiment: { stages: { training_data_export: false } },
    }),
  );
  execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
  const out = join(dir, "out");
  const args = ["run", "--config", config, "--personas", String(Math.ceil(base / perPersona)), "--out", out];
  const run = await cli(args);
  console.log(
    `base store: ${/produced (\d+)/.exec(run.stdout)?.[1]} conversations in ${fmt(run.wallMs / 1000, 1)} s`,
  );
  await replicate(out, samples);

  const file = join(dir, "report.html");
  const report = await cli([
    "report",
    "--config",
    config,
    "--store",
    join(out, "interactions"),
    "--out",
    file,
  ]);
  const mb = statSync(file).size / 1e6;
  console.log(
    `report: ${report.stdout.trim()}\n  built in ${fmt(report.wallMs / 1000, 1)} s (built CLI, cold; CPU ${fmt(report.cpuS, 1)} s), peak RSS ${fmt(report.peakMb, 0)} MB, ${fmt(mb, 1)} MB of HTML`,
  );

  const browser = await launchChromium();
  const opens: number[] = [];
  const pageReady: number[] = [];
  const conversations: number[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const opened = await openReport(browser, file);
      const { page, openMs } = opened;
      await page.click('button[data-tab="samples"]');
      const filterStarted = performance.now();
      await page.selectOption("#filter-layer", { label: "surface_noise" });
      const filterMs = performance.now() - filterStarted;
      const count = await page.textContent("#list-count");
      const clickStarted = performance.now();
      await page.locator("#list .row").nth(3).click();
      await page.waitForSelector("#conversation .turn");
      const conversationMs = performance.now() - clickStarted;
      if (opened.errors.length > 0) throw new Error(`console errors: ${opened.errors.join("; ")}`);
      if (opened.requests.some((url) => url !== opened.url))
        throw new Error(`requests: ${opened.requests.join(", ")}`);
      opens.push(openMs);
      pageReady.push(opened.readyMs);
      conversations.push(conversationMs);
      console.log(
        `  open ${i + 1}: ready in ${fmt(openMs / 1000, 2)} s (page's own clock ${fmt(opened.readyMs / 1000, 2)} s; opening the empty tab before it ${fmt(opened.tabMs / 1000, 2)} s); filter ${fmt(filterMs, 0)} ms → ${count}; conversation ${fmt(conversationMs, 0)} ms`,
      );
      await page.close();
    }
  } finally {
    await browser.close();
  }
  const open = median(opens);
  console.log(
    `report of ${samples} samples opens in ${fmt(open / 1000, 2)} s, median of 3 (target < 3 s: ${open < 3000 ? "met" : "NOT met"}); page's own clock ${fmt(median(pageReady) / 1000, 2)} s; a conversation opens in ${fmt(median(conversations), 0)} ms`,
  );
} finally {
  // BENCH_KEEP=1 keeps the store and the report (to profile or look at them).
  if (process.env.BENCH_KEEP) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
