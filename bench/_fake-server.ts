// Child process for benchmarks: runs the fake LLM server with options from argv[2] (JSON) and prints
// its URL, so the client's CPU can be measured apart from the server's.
import { startFakeLlmServer } from "../test/helpers/fake-llm-server.js";

const options = JSON.parse(process.argv[2] ?? "{}");
const server = await startFakeLlmServer(options);
process.stdout.write(`${server.url}\n`);
process.on("SIGTERM", () => {
  void server.close().then(() => process.exit(0));
});
