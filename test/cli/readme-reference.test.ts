import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { cli } from "../helpers/cli.js";
import { ROOT } from "../helpers/paths.js";

/** The README's CLI reference: one `personasynth <command> [flags…]` entry per command. */
function readmeCommands(): Map<string, Set<string>> {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## CLI reference"), readme.indexOf("## Development"));
  const commands = new Map<string, Set<string>>();
  for (const [, name, rest] of section.matchAll(/^- `personasynth (\w+)([^`]*)`/gm))
    commands.set(name as string, new Set((rest as string).match(/--[a-z][a-z-]*/g) ?? []));
  return commands;
}

/** The flags `personasynth <command> --help` lists (the CLI's own definition). */
async function helpFlags(command: string): Promise<Set<string>> {
  const { stdout, stderr } = await cli([command, "--help"]);
  // Only the option lines (`  -c, --config <file>  …`), not flags named in descriptions.
  const flags = [...(stdout + stderr).matchAll(/^ {2}(?:-\w, )?(--[a-z][a-z-]*)/gm)].map(
    (m) => m[1] as string,
  );
  return new Set(flags.filter((f) => f !== "--help"));
}

test("the README's CLI reference names every command and exactly the flags each one takes", async () => {
  const documented = readmeCommands();
  const { stdout, stderr } = await cli(["--help"]);
  const listed = [...(stdout + stderr).matchAll(/^ {2}(\w+) \[options\]/gm)].map((m) => m[1]);
  assert.ok(listed.length >= 8, `commands found in --help: ${listed.join(", ")}`);
  assert.deepEqual([...documented.keys()].sort(), [...listed].sort(), "commands in README vs --help");
  for (const [command, flags] of documented) {
    const actual = await helpFlags(command);
    // `--workers` is the old name of `--threads`: accepted with a warning, not documented as a flag.
    actual.delete("--workers");
    assert.deepEqual([...flags].sort(), [...actual].sort(), `personasynth ${command}: README vs --help`);
  }
});
