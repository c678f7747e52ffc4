// Child process for benchmarks: runs the fake LLM server with options from argv[2] (JSON) and prints
// its URL, so the client's CPU can be measured apart from the server's. On SIGTERM it prints its
// statistics (FakeServerStats, JSON, one line) and exits.
import { startFakeLlmServer } from "../test/helpers/fake-llm-server.js";

const options = JSON.parse(process.argv[2] ?? "{}");
const server = await startFakeLlmServer(options);
process.stdout.write(`${server.url}\n`);
process.on("SIGTERM", () => {
  const stats = server.stats();
  void server.close().then(() => {
    process.stdout.write(`${JSON.stringify(stats)}\n`, () => process.exit(0));
  });
});
