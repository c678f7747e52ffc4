import { resolve } from "node:path";
import type { Command } from "commander";
import type { LoadedConfig } from "../../config/load.js";
import { secretValues } from "../../config/secrets.js";
import { ConfigError, type ConfigIssue, formatIssue, PersonasynthError } from "../../errors.js";
import { outputPaths } from "../../pipeline/output-paths.js";
import { Redactor } from "../../util/redact.js";
import { type CliIo, table } from "../io.js";

type Status = "PASS" | "WARN" | "FAIL";

interface Check {
  name: string;
  status: Status;
  detail: string;
  issues: ConfigIssue[];
  /** The exit code a failure of this check gives a run. */
  exitCode: number;
}

/**
 * `personasynth validate`: the config, then every check `run` makes before its first call (the same
 * code: pipeline/preflight.ts), as a PASS/WARN/FAIL table.
 */
export function registerValidate(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command("validate")
    .description("make every check a run makes before its first call; exit 2 when anything is wrong")
    .option("-c, --config <file>", "config file (default: built-in defaults)")
    .option("-o, --out <dir>", "the output directory the run would use")
    .action(async (options: { config?: string; out?: string }) => {
      const { checks, redactor } = await runChecks(io, options.config, options.out);
      // Masked: a detail may quote a key or a URL's password (`base_url: https://user:TOKEN@host`).
      io.stdout(
        redactor.text(
          `${table([["CHECK", "STATUS", "DETAIL"], ...checks.map((c) => [c.name, c.status, c.detail])])}\n`,
        ),
      );
      const listed = checks.flatMap((c) => c.issues);
      if (listed.length > 0)
        io.stdout(
          redactor.text(
            `\n${listed.map((i) => `${i.severity === "error" ? "FAIL" : "WARN"} ${formatIssue(i)}`).join("\n")}\n`,
          ),
        );
      const failed = checks.filter((c) => c.status === "FAIL");
      io.stdout(
        `\n${failed.length === 0 ? "config is valid" : `${failed.length} check${failed.length === 1 ? "" : "s"} failed`}\n`,
      );
      // The exit code a run would end with: 2 for bad config or a missing key, 1 for an unusable
      // output directory or cache.
      setExit(failed.length === 0 ? 0 : Math.max(...failed.map((c) => c.exitCode)));
    });
}

async function runChecks(
  io: CliIo,
  file: string | undefined,
  out: string | undefined,
): Promise<{ checks: Check[]; redactor: Redactor }> {
  // Loaded when the command runs, not at every start of the CLI.
  const [{ loadConfig }, { preflightChecks }] = await Promise.all([
    import("../../config/load.js"),
    import("../../pipeline/preflight.js"),
  ]);
  let loaded: LoadedConfig;
  try {
    loaded = loadConfig(file, { env: io.env, cwd: io.cwd });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { checks: [fromError("config", error)], redactor: Redactor.none };
  }
  const checks = [fromIssues("config", loaded.warnings, loaded.file ?? "built-in defaults")];
  const config = loaded.config;
  const warnings: ConfigIssue[] = [];
  const preflight = preflightChecks({
    config,
    env: io.env,
    paths: outputPaths(config, out === undefined ? undefined : resolve(io.cwd, out)),
    write: false,
    seedQueries: true,
    events: (event) => {
      if (event.type === "warning")
        warnings.push({ severity: "warning", path: "", message: event.message, ...fileOf(event.where) });
    },
  });
  for (const check of preflight) {
    warnings.length = 0;
    try {
      const detail = await check.run();
      checks.push(fromIssues(check.name, [...warnings], detail));
    } catch (error) {
      if (!(error instanceof PersonasynthError)) throw error;
      checks.push(fromError(check.name, error));
    }
  }
  return { checks, redactor: new Redactor(secretValues(config, io.env)) };
}

function fileOf(where: string | undefined): { file?: string } {
  return where === undefined ? {} : { file: where };
}

function fromError(name: string, error: PersonasynthError): Check {
  const issues: ConfigIssue[] =
    error instanceof ConfigError && error.issues.length > 0
      ? error.issues
      : [{ severity: "error", path: "", message: error.describe() }];
  return { ...fromIssues(name, issues, error.where ?? error.message), exitCode: error.exitCode };
}

function fromIssues(name: string, issues: ConfigIssue[], detail: string): Check {
  const status: Status = issues.some((i) => i.severity === "error")
    ? "FAIL"
    : issues.length > 0
      ? "WARN"
      : "PASS";
  const errors = issues.filter((i) => i.severity === "error").length;
  const warnings = issues.length - errors;
  const summary =
    status === "PASS"
      ? detail
      : `${detail} (${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"})`;
  return { name, status, detail: summary, issues, exitCode: 2 };
}
