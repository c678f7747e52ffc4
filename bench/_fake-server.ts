// Child process for benchmarks: runs the fake LLM server with options from argv[2] (JSON) and prints
// its URL, so the client's CPU can be measured apart from the server's. On SIGTERM it prints its
// statistics (FakeServerStats, its own CPU time in ms, `cpuMs`, and how long its event loop waited for
// a CPU, `waitMs`: JSON, one line) and exits.
import { readFileSync } from "node:fs";
import { startFakeLlmServer } from "../test/helpers/fake-llm-server.js";

/** Run-queue wait of this process's main thread so far, in ms (0 where /proc has no schedstat). */
function waitedMs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, "utf8").split(" ")[1]) / 1e6;
  } catch {
    return 0;
  }
}

const options = JSON.parse(process.argv[2] ?? "{}");
const server = await startFakeLlmServer(options);
const loaded = process.cpuUsage(); // the CPU of serving, not of loading this script
const waitedLoading = waitedMs();
process.stdout.write(`${server.url}\n`);
process.on("SIGTERM", () => {
  const usage = process.cpuUsage(loaded);
  const stats = {
    ...server.stats(),
    cpuMs: (usage.user + usage.system) / 1000,
    waitMs: waitedMs() - waitedLoading,
  };
  void server.close().then(() => {
    process.stdout.write(`${JSON.stringify(stats)}\n`, () => process.exit(0));
  });
});
