// Child process for benchmarks: runs the fake LLM server with options from argv[2] (JSON) and prints
// its URL, so the client's CPU can be measured apart from the server's. On SIGTERM it prints its
// statistics (FakeServerStats and its own CPU time in ms, `cpuMs`: JSON, one line) and exits.
import { startFakeLlmServer } from "../test/helpers/fake-llm-server.js";

const options = JSON.parse(process.argv[2] ?? "{}");
const server = await startFakeLlmServer(options);
const loaded = process.cpuUsage(); // the CPU of serving, not of loading this script
process.stdout.write(`${server.url}\n`);
process.on("SIGTERM", () => {
  const usage = process.cpuUsage(loaded);
  const stats = { ...server.stats(), cpuMs: (usage.user + usage.system) / 1000 };
  void server.close().then(() => {
    process.stdout.write(`${JSON.stringify(stats)}\n`, () => process.exit(0));
  });
});
