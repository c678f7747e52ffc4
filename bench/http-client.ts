// `npm run bench -- http-client`: the CPU per call of the HTTP layer alone, node:http (with a keep-alive
// agent, as the client was built before) against src/llm/http-client.ts, 32 calls in flight against
// the fake server (own process) at L = 50 ms. Each call sends a typical chat body and parses the JSON
// answer. Two rounds each, alternating, after a warm-up; the machine is shared, so compare the rows.
import http from "node:http";
import { HttpClient, parseEndpoint } from "../src/llm/http-client.js";
import { load } from "./_cli-run.js";
import { fakeServerProcess, fmt } from "./_harness.js";

const CALLS = Number(process.env.BENCH_CALLS ?? 3000);
const IN_FLIGHT = 32;
const server = await fakeServerProcess({ latencyMs: 50 });
const url = new URL(server.url);
const body = JSON.stringify({
  model: "m",
  messages: [
    { role: "system", content: "You are helpful. ".repeat(40) },
    { role: "user", content: "hello there ".repeat(60) },
  ],
  max_tokens: 256,
});
const headers = { "content-type": "application/json", authorization: "Bearer sk-bench" };

const agent = new http.Agent({ keepAlive: true, maxSockets: 64, scheduling: "lifo" });
function viaNodeHttp(): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.request({
      agent,
      hostname: url.hostname,
      port: url.port,
      path: "/v1/chat/completions",
      method: "POST",
      headers: { ...headers, "content-length": Buffer.byteLength(body), accept: "application/json" },
    });
    request.on("error", reject);
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    });
    request.end(body);
  });
}

const client = new HttpClient();
const endpoint = parseEndpoint(`${server.url}/v1`);
async function viaHttpClient(): Promise<string> {
  return (await client.post(endpoint, "/chat/completions", { authorization: "Bearer sk-bench" }, body)).body;
}

async function round(name: string, call: () => Promise<string>, report: boolean): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next++ < CALLS) JSON.parse(await call());
  };
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const used = process.cpuUsage(cpu);
  const wallMs = performance.now() - started;
  if (!report) return;
  console.log(
    `${name.padEnd(11)} ${fmt((used.user + used.system) / 1000 / CALLS)} CPU-ms/call (user ${fmt(used.user / 1000 / CALLS)}, system ${fmt(used.system / 1000 / CALLS)}), ${fmt((CALLS / wallMs) * 1000, 0)} calls/s (${load()})`,
  );
}

await round("node:http", viaNodeHttp, false);
await round("HttpClient", viaHttpClient, false);
for (let i = 0; i < 2; i++) {
  await round("node:http", viaNodeHttp, true);
  await round("HttpClient", viaHttpClient, true);
}
agent.destroy();
client.close();
await server.stop();
