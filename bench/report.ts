// `npm run bench -- report`: a report of 50,000 samples, as a user makes and opens it.
//  1. 50,000 conversations from the offline engine (the bundled seed queries, each repeated with a case
//     number so every conversation has its own query): a realistic store of personas, system prompts,
//     query domains and noise. BENCH_SAMPLES overrides the count.
//  2. `personasynth report` with the built CLI in its own process: wall time, peak RSS, file size.
//  3. The report opened in headless Chromium 3 times (a fresh page each), as the browser test does:
//     time from navigation to the sample browser being ready (target < 3 s, the median decides), then
//     a filter and the opening of a conversation. Prints every run and the median.
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchChromium, openReport } from "../test/helpers/browser.js";
import { ROOT } from "../test/helpers/paths.js";
import { fmt } from "./_harness.js";

const samples = Number(process.env.BENCH_SAMPLES ?? 50_000);
const perPersona = 5;
const dir = mkdtempSync(join(tmpdir(), "bench-report-"));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Runs the built CLI in its own process; returns wall ms, peak RSS (MB) and stdout. */
async function cli(args: string[]): Promise<{ wallMs: number; peakMb: number; stdout: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, "dist", "cli", "main.js"), ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  let peakKb = 0;
  const timer = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // the process has just exited
    }
  }, 20);
  const [code] = (await once(child, "exit")) as [number | null];
  clearInterval(timer);
  if (code !== 0) throw new Error(`personasynth ${args[0]} failed (exit ${code}):\n${stdout}`);
  return { wallMs: performance.now() - started, peakMb: peakKb / 1024, stdout };
}

try {
  const seeds = readFileSync(join(ROOT, "data", "seed_queries.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { id: string; domain: string; query: string });
  const lines: string[] = [];
  for (let i = 0; i < samples; i++) {
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
  const run = await cli([
    "run",
    "--config",
    config,
    "--personas",
    String(Math.ceil(samples / perPersona)),
    "--out",
    out,
  ]);
  console.log(
    `store: ${/produced (\d+)/.exec(run.stdout)?.[1]} conversations in ${fmt(run.wallMs / 1000, 1)} s`,
  );

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
    `report: ${report.stdout.trim()}\n  built in ${fmt(report.wallMs / 1000, 1)} s (built CLI, cold), peak RSS ${fmt(report.peakMb, 0)} MB, ${fmt(mb, 1)} MB of HTML`,
  );

  const browser = await launchChromium();
  const opens: number[] = [];
  const pageReady: number[] = [];
  const conversations: number[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const opened = await openReport(browser, file);
      const openMs = performance.now() - started;
      const { page } = opened;
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
        `  open ${i + 1}: ready in ${fmt(openMs / 1000, 2)} s (page's own clock ${fmt(opened.readyMs / 1000, 2)} s); filter ${fmt(filterMs, 0)} ms → ${count}; conversation ${fmt(conversationMs, 0)} ms`,
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
  rmSync(dir, { recursive: true, force: true });
}
