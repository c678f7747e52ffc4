import { Command, CommanderError } from "commander";
import { PersonasynthError, UsageError } from "../errors.js";
import { registerExport } from "./commands/export.js";
import { registerImport } from "./commands/import.js";
import { registerInit } from "./commands/init.js";
import { registerRepair } from "./commands/repair.js";
import { registerReport } from "./commands/report.js";
import { registerRun } from "./commands/run.js";
import { registerStats } from "./commands/stats.js";
import { registerValidate } from "./commands/validate.js";
import { registerWorker } from "./commands/worker.js";
import { Interruption } from "./interruption.js";
import type { CliIo } from "./io.js";
import { VERSION } from "./version.js";

/** Exit codes: 0 ok, 1 failure, 2 bad config or usage, 130 interrupted. */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

/**
 * Runs the CLI in-process and returns the exit code. Every error ends here: a PersonasynthError as its
 * one-line description and exit code, a usage error as 2, anything else as an internal error (1).
 * When `signal` aborts (Ctrl-C, SIGTERM), a command that stops cleanly (`run`) finishes on its own;
 * any other command's exit code is 130 at once (the caller ends the process).
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  signal: AbortSignal = new AbortController().signal,
): Promise<number> {
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const program = new Command()
    .name("personasynth")
    .description("persona-driven training data for LLMs")
    .version(VERSION)
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
  registerInit(program, io, setExit);
  const interruption = new Interruption();
  registerRun(program, io, setExit, signal, interruption, argv);
  registerValidate(program, io, setExit);
  registerExport(program, io, setExit, { signal, interruption });
  registerStats(program, io, setExit);
  registerImport(program, io, setExit);
  registerReport(program, io, setExit);
  registerRepair(program, io, setExit);
  registerWorker(program, io, setExit, signal, interruption);
  for (const command of program.commands) command.exitOverride();
  program.hook("preAction", (_program, command) => refuseEmptyValues(command));

  let onAbort: (() => void) | undefined;
  const interrupted = new Promise<"interrupted">((resolve) => {
    onAbort = () => {
      if (!interruption.interrupt()) resolve("interrupted");
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    const parsed = program.parseAsync([...argv], { from: "user" });
    if ((await Promise.race([parsed, interrupted])) === "interrupted") {
      parsed.catch(() => undefined); // what it does after the interruption no longer matters
      return EXIT.interrupted;
    }
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof PersonasynthError) {
      io.stderr(`error: ${error.describe()}\n`);
      return error.exitCode;
    }
    io.stderr(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failure;
  } finally {
    if (onAbort) signal.removeEventListener("abort", onAbort);
  }
}

/** Options naming a path or a place, and what each one's flag is. */
const PLACE_OPTIONS: Record<string, string> = {
  config: "--config",
  out: "--out",
  store: "--store",
  redisUrl: "--redis-url",
  queue: "--queue",
};

/**
 * An empty path is refused, not read as the current directory: `--out "$OUT_DIR"` with the variable
 * unset wrote a whole run into the working directory.
 */
function refuseEmptyValues(command: Command): void {
  const options = command.opts<Record<string, unknown>>();
  for (const [key, flag] of Object.entries(PLACE_OPTIONS)) {
    const value = options[key];
    if (typeof value === "string" && value.trim() === "")
      throw new UsageError(`${flag} is empty`, {
        hint: `give it a value, or leave ${flag} out for its default`,
      });
  }
  for (const [i, arg] of command.registeredArguments.entries()) {
    const value = command.processedArgs[i];
    if (typeof value === "string" && value.trim() === "")
      throw new UsageError(`the ${arg.name().toUpperCase()} argument is empty`, {
        hint: 'give a path ("." for the current directory)',
      });
  }
}
