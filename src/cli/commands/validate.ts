import type { Command } from "commander";
import { type LoadedConfig, loadConfig } from "../../config/load.js";
import { ConfigError, type ConfigIssue, formatIssue } from "../../errors.js";
import { loadStrategyFile } from "../../noise/strategy-config.js";
import { loadPersonaBank } from "../../persona/bank.js";
import { loadSamplingConfig } from "../../persona/sampling-config.js";
import { type CliIo, table } from "../io.js";

type Status = "PASS" | "WARN" | "FAIL";

interface Check {
  name: string;
  status: Status;
  detail: string;
  issues: ConfigIssue[];
}

/** `personasynth validate`: every check of the config and the files it names, as a PASS/WARN/FAIL table. */
export function registerValidate(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command("validate")
    .description("check a config and the files it names; exit 2 when anything is wrong")
    .option("-c, --config <file>", "config file (default: built-in defaults)")
    .action((options: { config?: string }) => {
      const checks = runChecks(io, options.config);
      io.stdout(
        `${table([["CHECK", "STATUS", "DETAIL"], ...checks.map((c) => [c.name, c.status, c.detail])])}\n`,
      );
      const listed = checks.flatMap((c) => c.issues);
      if (listed.length > 0)
        io.stdout(
          `\n${listed.map((i) => `${i.severity === "error" ? "FAIL" : "WARN"} ${formatIssue(i)}`).join("\n")}\n`,
        );
      const failed = checks.filter((c) => c.status === "FAIL").length;
      io.stdout(
        `\n${failed === 0 ? "config is valid" : `${failed} check${failed === 1 ? "" : "s"} failed`}\n`,
      );
      setExit(failed === 0 ? 0 : 2);
    });
}

function runChecks(io: CliIo, file: string | undefined): Check[] {
  const checks: Check[] = [];
  let loaded: LoadedConfig | undefined;
  try {
    loaded = loadConfig(file, { env: io.env, cwd: io.cwd });
    checks.push(fromIssues("config", loaded.warnings, loaded.file ?? "built-in defaults"));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    checks.push(fromError("config", error));
    return checks;
  }
  const config = loaded.config;
  const fileCheck = (
    name: string,
    path: string | undefined,
    load: (p: string) => unknown,
    fallback: string,
  ) => {
    if (path === undefined) {
      checks.push({ name, status: "PASS", detail: fallback, issues: [] });
      return;
    }
    try {
      load(path);
      checks.push({ name, status: "PASS", detail: path, issues: [] });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      checks.push(fromError(name, error));
    }
  };
  fileCheck("persona bank", config.paths.persona_bank.persona, loadPersonaBank, "bundled bank");
  fileCheck(
    "sampling config",
    config.paths.sampling.config,
    loadSamplingConfig,
    "built-in sampling settings",
  );
  fileCheck(
    "distractor strategies",
    config.distractor.strategy_path,
    loadStrategyFile,
    "bundled strategy file",
  );
  return checks;
}

function fromError(name: string, error: ConfigError): Check {
  const issues: ConfigIssue[] =
    error.issues.length > 0 ? error.issues : [{ severity: "error", path: "", message: error.describe() }];
  return fromIssues(name, issues, error.where ?? error.message);
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
  return { name, status, detail: summary, issues };
}
