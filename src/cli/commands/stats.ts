import type { Command } from "commander";
import { clockFromEnv } from "../../util/clock.js";
import { type CliIo, table } from "../io.js";
import { loadCliConfig, renderEvent } from "../shared.js";

/** `personasynth stats`: statistics of the whole store, as a summary or JSON. */
export function registerStats(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command("stats")
    .description("summarise the interactions store (samples, turns, noise, personas, splits)")
    .option("-c, --config <file>", "config file (default: built-in defaults)")
    .option("--store <dir>", "interactions store (default: paths.interactions.output_dir)")
    .option("--json", "print the statistics as JSON")
    .option(
      "--generation <which>",
      "current, all (default), or a generation id: which configuration's samples",
    )
    .action(async (options: { config?: string; store?: string; json?: boolean; generation?: string }) => {
      // The command's modules are loaded when it runs, not at every start of the CLI.
      const [{ statisticsFor }, { cliRedactor, generationOption, openStore, samplesFromStore }] =
        await Promise.all([import("../../training/exporter.js"), import("../store-source.js")]);
      const { config } = await loadCliConfig(io, options.config);
      const generation = generationOption(options.generation, config);
      const storage = openStore(io, config, options.store, renderEvent(io));
      const skipped: Array<{ id: string | undefined; reason: string }> = [];
      const acc = statisticsFor(config);
      for await (const sample of samplesFromStore(
        config,
        storage,
        skipped,
        generation,
        cliRedactor(config, io),
      ))
        acc.add(sample);
      const s = acc.result(clockFromEnv(io.env).now());
      for (const skip of skipped) io.stderr(`warning: skipped ${skip.id ?? "a record"}: ${skip.reason}\n`);
      if (options.json) {
        io.stdout(`${JSON.stringify(s, null, 2)}\n`);
      } else {
        const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
        const q = s.quality.overall;
        const top = (counts: Record<string, number>) =>
          Object.entries(counts)
            .slice(0, 6)
            .map(([k, v]) => `${k} ${v}`)
            .join(", ") || "-";
        io.stdout(
          `${table([
            ["samples", String(s.total_samples)],
            ["personas", String(s.unique_personas)],
            ["turns (avg / min / max)", `${s.avg_turns} / ${s.min_turns} / ${s.max_turns}`],
            ["user prompts", String(s.total_user_prompts)],
            [
              "noisy prompts",
              `${s.distractor_stats.noisy_prompts} (${pct(s.distractor_stats.noise_rate)} of prompts)`,
            ],
            ["noise layers", top(s.distractor_stats.layer_distribution)],
            [
              "splits (train/val/test)",
              `${s.samples_by_split.train} / ${s.samples_by_split.validation} / ${s.samples_by_split.test}`,
            ],
            ["roles (personas)", top(s.persona_distribution)],
            [
              "duplicate trajectories (exact / near)",
              `${q.duplicates.trajectories.exact} / ${q.duplicates.trajectories.near} (${pct(q.duplicates.trajectories.rate)})`,
            ],
            [
              "distinct-2 (user / assistant)",
              `${q.distinct.user.distinct_2} / ${q.distinct.assistant.distinct_2}`,
            ],
            ["persona contradictions", String(q.persona_contradictions)],
            ["endings", top(s.termination_reasons)],
            ["assistant models", top(s.assistant_models)],
            ["generations", top(s.generations)],
            ["skipped records", String(skipped.length)],
          ])}\n`,
        );
      }
      setExit(0);
    });
}
