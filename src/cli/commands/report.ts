import { statSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { DEFAULT_REPORT_SAMPLES } from "../../report/sample-index.js";
import type { CliIo } from "../io.js";
import { loadCliConfig, renderEvent, wholeNumber } from "../shared.js";

interface ReportCommandOptions {
  config?: string;
  store?: string;
  out: string;
  maxSamples?: string;
  title?: string;
}

/** `personasynth report`: one self-contained HTML file with the store's statistics and a sample browser. */
export function registerReport(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command("report")
    .description("write a self-contained HTML report: statistics as charts and a sample browser")
    .option("-c, --config <file>", "config file (default: built-in defaults)")
    .option("--store <dir>", "interactions store (default: paths.interactions.output_dir)")
    .option("-o, --out <file>", "the HTML file to write", "report.html")
    .option(
      "--max-samples <n>",
      `samples in the browser (default ${DEFAULT_REPORT_SAMPLES}; figures cover all)`,
    )
    .option("--title <text>", "the report's title")
    .action(async (options: ReportCommandOptions) => {
      // The command's modules are loaded when it runs, not at every start of the CLI.
      const [{ writeReport }, { storeSources }] = await Promise.all([
        import("../../report/report.js"),
        import("../store-source.js"),
      ]);
      const maxSamples =
        options.maxSamples === undefined ? undefined : wholeNumber(options.maxSamples, "--max-samples", 0);
      const { config } = await loadCliConfig(io, options.config);
      const result = await writeReport({
        config,
        sources: storeSources(io, config, options.store),
        out: resolve(io.cwd, options.out),
        events: renderEvent(io),
        ...(maxSamples === undefined ? {} : { maxSamples }),
        ...(options.title === undefined ? {} : { title: options.title }),
      });
      const s = result.statistics;
      const mb = (statSync(result.path).size / 1e6).toFixed(1);
      io.stdout(
        `report of ${s.total_samples} samples from ${s.unique_personas} personas` +
          `${result.shown < s.total_samples ? ` (${result.shown} in the browser)` : ""}` +
          `${result.skipped ? ` (${result.skipped} skipped)` : ""}: ${result.path} (${mb} MB)\n`,
      );
      setExit(0);
    });
}
