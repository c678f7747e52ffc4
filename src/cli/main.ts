#!/usr/bin/env node
import { processIo } from "./io.js";
import { runCli } from "./run-cli.js";

runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`internal error: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
