import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { StoreError } from "../../errors.js";
import { outputPaths } from "../../pipeline/output-paths.js";
import type { CliIo } from "../io.js";
import { loadCliConfig, renderEvent } from "../shared.js";

/**
 * `personasynth repair`: makes the stores of an output directory whole again after a corrupt line
 * stopped a run — such lines are moved to quarantine.jsonl (never deleted), so the next run makes
 * their items again.
 */
export function registerRepair(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command("repair")
    .description(
      "move corrupt or invalid stored lines to quarantine.jsonl, so the next run redoes their items",
    )
    .option("-c, --config <file>", "config file (default: built-in defaults)")
    .option("-o, --out <dir>", "the output directory of the run (as given to run --out)")
    .action(async (options: { config?: string; out?: string }) => {
      // The command's modules are loaded when it runs, not at every start of the CLI.
      const [{ OutputLock }, { repairStores }] = await Promise.all([
        import("../../pipeline/output-lock.js"),
        import("../../pipeline/stores.js"),
      ]);
      const { config } = await loadCliConfig(io, options.config);
      const paths = outputPaths(config, options.out === undefined ? undefined : resolve(io.cwd, options.out));
      // Not made: a mistyped --out is said as such, not repaired as an empty directory.
      if (!existsSync(paths.root))
        throw new StoreError("no such output directory: nothing to repair", {
          code: "IO",
          where: paths.root,
          hint: "pass the directory the run wrote to, as given to run --out",
        });
      const lock = OutputLock.acquire(paths.root, renderEvent(io));
      let done: Awaited<ReturnType<typeof repairStores>>;
      try {
        done = await repairStores(paths, renderEvent(io), config);
      } finally {
        lock.release();
      }
      if (done.length === 0) {
        io.stdout(`nothing to repair: every store under ${paths.root} is whole\n`);
      } else {
        for (const d of done) {
          const parts = [
            d.quarantined > 0
              ? `${d.quarantined} line${d.quarantined === 1 ? "" : "s"} moved to ${d.dir}/quarantine.jsonl`
              : "",
            d.newlines > 0 ? `${d.newlines} missing newline${d.newlines === 1 ? "" : "s"} added` : "",
          ].filter(Boolean);
          io.stdout(`${d.store}: ${parts.join("; ")}\n`);
        }
        io.stdout("rerun the same command: the items of the moved lines are made again\n");
      }
      setExit(0);
    });
}
