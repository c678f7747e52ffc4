import { resolve } from "node:path";
import type { Command } from "commander";
import type { ImportCounts } from "../../import/import-original.js";
import { outputPaths } from "../../pipeline/output-paths.js";
import { type CliIo, table } from "../io.js";
import { loadCliConfig, renderEvent } from "../shared.js";

/** `personasynth import`: the original tool's output directory → this tool's stores. */
export function registerImport(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command("import")
    .description("bring the original Python tool's output directory (interactions/, personas/) into a store")
    .argument("<dir>", "the original tool's output directory")
    .option("-c, --config <file>", "config file (default: built-in defaults)")
    .option("-o, --out <dir>", "the output directory to import into (as `run --out`)")
    .action(async (dir: string, options: { config?: string; out?: string }) => {
      // The command's modules are loaded when it runs, not at every start of the CLI.
      const { importOriginalOutput } = await import("../../import/import-original.js");
      const { config } = await loadCliConfig(io, options.config);
      const paths = outputPaths(config, options.out === undefined ? undefined : resolve(io.cwd, options.out));
      const report = await importOriginalOutput(
        resolve(io.cwd, dir),
        { interactions: paths.interactions, personas: paths.personas },
        { events: renderEvent(io) },
      );
      const row = (name: string, c: ImportCounts, extra = "") => [
        `  ${name}`,
        `${c.imported} imported, ${c.already} already in the store, ${c.skipped.length} skipped${extra}`,
      ];
      io.stdout(
        `imported ${report.source} into ${paths.root} (generation ${report.generation})\n${table([
          row("interactions", report.interactions),
          row("personas", report.personas, ` (${report.system_prompts} system prompts)`),
        ])}\n`,
      );
      for (const w of report.warnings) io.stderr(`warning: ${w.file}: ${w.reason}\n`);
      const skipped = [...report.interactions.skipped, ...report.personas.skipped];
      const found = [report.interactions, report.personas].reduce((n, c) => n + c.imported + c.already, 0);
      // "0 imported" alone reads like success: an empty source is most likely the wrong directory.
      if (found + skipped.length === 0)
        io.stderr(
          `warning: ${report.source}: nothing to import: its interactions/ and personas/ hold no file (pass the original tool's output directory)\n`,
        );
      for (const s of skipped) io.stderr(`skipped ${s.file}: ${s.reason}\n`);
      setExit(skipped.length > 0 ? 1 : 0);
    });
}
