// `npm run bench -- dedup [index|statistics] [count]`: 1,000,000 synthetic prompt trajectories (three
// user turns of 8–30 words from a 20,000-word vocabulary; 5% exact copies with other case and
// punctuation, 5% near copies with one word changed) through
//   index:      the duplicate index alone (exact + MinHash/LSH), as `training_data.dedup` uses it;
//   statistics: the whole statistics pass of an export (duplicates of prompts and trajectories, query
//               reuse, distinct-n, per split), from TrainingSample objects.
// Each mode runs in its own process; prints samples/s, what was found, and peak RSS (target < 300 MB).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { DuplicateIndex } from "../src/quality/duplicate-index.js";
import { createRng } from "../src/rng/random.js";
import { TrainingSample } from "../src/training/sample.js";
import { StatisticsAccumulator } from "../src/training/statistics.js";

const mode = process.argv[2];
const count = Number(process.argv[3] ?? 1_000_000);

if (mode !== "index" && mode !== "statistics") {
  for (const m of ["index", "statistics"]) {
    const child = spawnSync(
      process.execPath,
      ["--import", "tsx", fileURLToPath(import.meta.url), m, String(count)],
      {
        stdio: "inherit",
      },
    );
    if (child.status !== 0) process.exit(child.status ?? 1);
  }
  console.log("(shared, loaded machine: times vary from run to run; RSS does not)");
  process.exit(0);
}

const rng = createRng(1, "bench", "dedup");
const vocabulary = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`);
const turn = () => Array.from({ length: 8 + rng.int(23) }, () => rng.pick(vocabulary)).join(" ");
/** Recent trajectories to copy from (a bounded window, so the generator itself stays small). */
const recent: string[][] = [];

function nextTrajectory(): { turns: string[]; planted: "exact" | "near" | undefined } {
  const roll = rng.next();
  if (recent.length > 0 && roll < 0.1) {
    const of = rng.pick(recent);
    if (roll < 0.05) return { turns: of.map((t) => `${t.toUpperCase()}!`), planted: "exact" };
    const turns = of.slice();
    const words = turns[0]!.split(" ");
    words[rng.int(words.length)] = `changed${rng.int(1e6)}`;
    turns[0] = words.join(" ");
    return { turns, planted: "near" };
  }
  const turns = [turn(), turn(), turn()];
  if (recent.length < 1000) recent.push(turns);
  else recent[rng.int(1000)] = turns;
  return { turns, planted: undefined };
}

const started = performance.now();
const found = { exact: 0, near: 0 };
const planted = { exact: 0, near: 0 };
if (mode === "index") {
  const index = new DuplicateIndex();
  for (let i = 0; i < count; i++) {
    const t = nextTrajectory();
    if (t.planted) planted[t.planted]++;
    const verdict = index.add(t.turns.join("\n"));
    if (verdict.kind !== "unique") found[verdict.kind]++;
  }
} else {
  const stats = new StatisticsAccumulator({ ratios: { train: 0.8, validation: 0.1, test: 0.1 } });
  for (let i = 0; i < count; i++) {
    const t = nextTrajectory();
    if (t.planted) planted[t.planted]++;
    const conversation = t.turns.flatMap((content) => [
      { role: "user" as const, content },
      { role: "assistant" as const, content: `reply ${i % 977} about ${content.slice(0, 40)}` },
    ]);
    stats.add(
      new TrainingSample({
        sampleId: `sample_${i}`,
        personaId: `persona_${i % 50_000}`,
        personaFeatures: { role: "engineer" },
        originalQuery: t.turns[0]!,
        initialQuery: t.turns[0]!,
        promptTrajectory: t.turns,
        fullConversation: conversation,
        numTurns: 3,
        metadata: { termination_reason: "satisfied" },
      }),
    );
  }
  const d = stats.result(new Date(0)).quality.overall.duplicates.trajectories;
  found.exact = d.exact;
  found.near = d.near;
}
const seconds = (performance.now() - started) / 1000;
const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(
  `${mode}: ${count.toLocaleString("en")} trajectories in ${seconds.toFixed(1)} s (${Math.round(count / seconds).toLocaleString("en")}/s); ` +
    `planted exact ${planted.exact} / near ${planted.near}, found exact ${found.exact} / near ${found.near}; ` +
    `peak RSS ${peakMb.toFixed(0)} MB (target < 300 MB: ${peakMb < 300 ? "ok" : "MISSED"})`,
);
