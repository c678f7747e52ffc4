// `npm run bench -- export`: 1,000,000 synthetic samples exported to JSONL and to Parquet by the
// built CLI (`personasynth export`, its own process, cold), as a user runs it. Prints samples/s and
// peak RSS per format (target < 300 MB), each run and the median of BENCH_RUNS (default 3).
// BENCH_SAMPLES overrides the count.
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InteractionStorage } from "../src/interaction/storage.js";
import { createRng, type Rng } from "../src/rng/random.js";
import { ROOT } from "../test/helpers/paths.js";
import { fmt } from "./_harness.js";

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PER_PERSONA = 3;

const WORDS =
  "the a to of and for with on my our this that project report email plan budget code python query deadline team client meeting data table chart error test deploy server user price trip hotel recipe workout essay draft summary review schedule invoice contract design model".split(
    " ",
  );
const ROLES = [
  "software_engineer",
  "student",
  "teacher",
  "lawyer",
  "nurse",
  "designer",
  "manager",
  "retiree",
];
const TONES = ["casual", "formal", "friendly", "neutral", "terse"];
const STRATEGIES = [
  "typo_misspelling",
  "char_drop",
  "keyboard_typo",
  "casing",
  "vague_slot_values",
  "missing_slots",
];

function words(rng: Rng, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(WORDS[rng.int(WORDS.length)] as string);
  return out.join(" ");
}

/** An interaction record as the pipeline stores it: 2–4 turns, persona, noise with rule edits. */
function interaction(i: number): Record<string, unknown> {
  const rng = createRng(7, `bench-${i}`, "export-bench");
  const persona = Math.floor(i / PER_PERSONA);
  const turns = rng.intBetween(2, 4);
  const messages: Array<Record<string, unknown>> = [];
  const followups: Array<Record<string, unknown>> = [];
  const initial = `${words(rng, 14)} (case ${i})?`;
  for (let t = 0; t < turns; t++) {
    const clean = t === 0 ? initial : `${words(rng, 9)} please`;
    const noised = rng.chance(0.3);
    const content = noised ? clean.replace(/e/, "") : clean;
    messages.push({
      role: "user",
      content,
      metadata: {
        turn: t,
        ...(t === 0 ? { is_initial: true } : { is_followup: true }),
        clean_version: clean,
        was_noised: noised,
      },
    });
    messages.push({
      role: "assistant",
      content: `${words(rng, 60)}. ${words(rng, 40)}.`,
      metadata: { turn: t, model: "bench-model", provider: "bench" },
    });
    if (t > 0 && noised) {
      followups.push({
        turn: t,
        clean_feedback: clean,
        noisy_versions: [
          {
            noisy_text: content,
            noise_type: "surface_noise",
            noise_intensity: 0.25,
            applied_strategies: ["char_drop"],
            layer: "surface_noise",
            edits: [{ strategy: "char_drop", position: clean.indexOf("e"), before: "e", after: "" }],
          },
        ],
        used_version: content,
      });
    }
  }
  const strategy = STRATEGIES[rng.int(STRATEGIES.length)] as string;
  return {
    interaction_id: `interaction_${i.toString(16).padStart(16, "0")}`,
    persona_id: `persona_${persona.toString(16).padStart(16, "0")}`,
    persona_features: {
      role: ROLES[persona % ROLES.length],
      tone_pref: TONES[persona % TONES.length],
      seniority: ["junior", "mid", "senior"][persona % 3],
      age_band: ["18_24", "25_34", "35_44", "45_64"][persona % 4],
      tech_proficiency: ["basic", "intermediate", "expert"][persona % 3],
    },
    original_query: `Please help: ${words(rng, 12)}.`,
    initial_query: initial,
    messages,
    num_turns: turns,
    metadata: {
      query_id: `bench:${i}`,
      termination_reason: rng.chance(0.7) ? "satisfied" : "max_turns",
      assistant_model: { provider: "bench", model: "bench-model" },
      distractor_applied: true,
      created_at: "2026-11-25T12:00:00.000Z",
      noisy_versions: {
        initial_query: {
          clean_query: initial,
          noisy_versions: [
            {
              noisy_text: initial.replace(/a/, "s"),
              noise_type: "surface_noise",
              noise_intensity: 0.25,
              applied_strategies: [strategy],
              layer: "surface_noise",
              edits: [{ strategy, position: initial.indexOf("a"), before: "a", after: "s" }],
            },
          ],
        },
        followups,
      },
    },
  };
}

async function buildStore(dir: string): Promise<void> {
  const storage = new InteractionStorage(dir);
  const chunk = 20_000;
  for (let start = 0; start < SAMPLES; start += chunk) {
    const records = [];
    for (let i = start; i < Math.min(SAMPLES, start + chunk); i++) records.push(interaction(i));
    await storage.saveAll(records);
  }
  await storage.close();
}

async function sizeOf(path: string): Promise<number> {
  const info = statSync(path);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const name of await readdir(path)) total += await sizeOf(join(path, name));
  return total;
}

/** One `personasynth export --format <format>` in its own process: wall time and peak RSS. */
async function exportRun(
  store: string,
  out: string,
  format: string,
): Promise<{ seconds: number; peakMb: number }> {
  rmSync(out, { recursive: true, force: true });
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      join(ROOT, "dist", "cli", "main.js"),
      "export",
      "--store",
      store,
      "--out",
      out,
      "--split",
      "--no-timestamp",
      "--format",
      format,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  // VmHWM is the process's peak RSS so far; the last reading before exit is the peak of the run.
  let peakKb = 0;
  const timer = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // the process has exited between two readings
    }
  }, 20);
  const [code] = (await once(child, "exit")) as [number | null];
  clearInterval(timer);
  const seconds = (performance.now() - started) / 1000;
  const exported = new RegExp(`exported ${SAMPLES} samples`).test(stdout);
  if (code !== 0 || !exported) throw new Error(`personasynth export failed (exit ${code}):\n${stdout}`);
  return { seconds, peakMb: peakKb / 1024 };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const dir = mkdtempSync(join(tmpdir(), "bench-export-"));
try {
  execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
  const store = join(dir, "interactions");
  const building = performance.now();
  await buildStore(store);
  console.log(
    `store: ${SAMPLES} synthetic interactions, ${fmt((await sizeOf(store)) / 2 ** 20, 0)} MB, built in ${fmt((performance.now() - building) / 1000, 1)} s`,
  );
  for (const format of ["jsonl", "parquet"]) {
    const runs = [];
    for (let r = 0; r < RUNS; r++) {
      const out = join(dir, `out-${format}`);
      const run = await exportRun(store, out, format);
      runs.push(run);
      console.log(
        `${format} run ${r + 1}: ${fmt(SAMPLES / run.seconds, 0)} samples/s (${fmt(run.seconds, 1)} s), peak RSS ${fmt(run.peakMb, 0)} MB, output ${fmt((await sizeOf(out)) / 2 ** 20, 0)} MB`,
      );
    }
    console.log(
      `${format}, median of ${RUNS}: ${fmt(median(runs.map((r) => SAMPLES / r.seconds)), 0)} samples/s, peak RSS ${fmt(median(runs.map((r) => r.peakMb)), 0)} MB (target < 300 MB)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
