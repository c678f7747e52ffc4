import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { after, test } from "node:test";
import { createServer as createTlsServer } from "node:tls";
import { HttpClient, parseEndpoint } from "../../src/llm/http-client.js";
import { TransportError } from "../../src/llm/transport-error.js";

// The client against raw TCP servers that write exact bytes: every framing HTTP/1.1 allows, split
// anywhere, and every way a connection can end.

interface Raw {
  url: string;
  /** Connections accepted so far. */
  connections: number;
  /** What each request's head and body looked like, in arrival order. */
  requests: string[];
  server: Server;
}

/** A server that answers each complete request (head + Content-Length body) with `answer`. */
async function rawServer(answer: (socket: Socket, index: number, request: string) => void): Promise<Raw> {
  const raw: Raw = { url: "", connections: 0, requests: [], server: createServer() };
  raw.server.on("connection", (socket) => {
    raw.connections++;
    let buffer = "";
    socket.setEncoding("latin1");
    socket.on("data", (data: string) => {
      buffer += data;
      for (;;) {
        const end = buffer.indexOf("\r\n\r\n");
        if (end < 0) return;
        const length = Number(/\r\ncontent-length: (\d+)/i.exec(buffer.slice(0, end))?.[1] ?? 0);
        if (buffer.length < end + 4 + length) return;
        const request = buffer.slice(0, end + 4 + length);
        buffer = buffer.slice(end + 4 + length);
        raw.requests.push(request);
        answer(socket, raw.requests.length - 1, request);
      }
    });
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => raw.server.listen(0, "127.0.0.1", resolve));
  const address = raw.server.address() as { port: number };
  raw.url = `http://127.0.0.1:${address.port}/v1`;
  after(() => raw.server.close());
  return raw;
}

const ok = (body: string, extra = "") =>
  `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;

function client(options: ConstructorParameters<typeof HttpClient>[0] = {}): HttpClient {
  const http = new HttpClient(options);
  after(() => http.close());
  return http;
}

async function failure(promise: Promise<unknown>): Promise<TransportError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof TransportError, String(error));
    return error;
  }
  assert.fail("expected a TransportError");
}

test("requests go out as HTTP/1.1 with host, headers and a byte-counted body; connections are kept alive", async () => {
  const raw = await rawServer((socket, i) => socket.write(ok(`{"n":${i}}`, "x-multi: a\r\nX-Multi: b\r\n")));
  const http = client();
  const endpoint = parseEndpoint(raw.url);
  for (let i = 0; i < 5; i++) {
    const response = await http.post(
      endpoint,
      "/chat/completions",
      { authorization: "Bearer k" },
      '{"q":"é"}',
    );
    assert.equal(response.status, 200);
    assert.equal(response.body, `{"n":${i}}`);
    assert.equal(response.headers["x-multi"], "a, b");
  }
  assert.equal(raw.connections, 1);
  const first = raw.requests[0] as string;
  assert.match(first, /^POST \/v1\/chat\/completions HTTP\/1\.1\r\n/);
  assert.match(first, new RegExp(`\r\nhost: 127\\.0\\.0\\.1:${endpoint.port}\r\n`));
  assert.match(first, /\r\nauthorization: Bearer k\r\n/);
  assert.match(first, /\r\ncontent-type: application\/json\r\n/);
  // "é" is two bytes in UTF-8: the length counts bytes, not characters.
  assert.match(first, /\r\ncontent-length: 10\r\n/);
});

test("a chunked body split byte by byte (a UTF-8 character across chunks, trailers) is read whole", async () => {
  const body = Buffer.from('{"text":"naïve café ✓"}');
  const raw = await rawServer((socket) => {
    const parts = [body.subarray(0, 11), body.subarray(11, 12), body.subarray(12)];
    const wire = Buffer.concat([
      Buffer.from("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n"),
      ...parts.flatMap((p) => [Buffer.from(`${p.length.toString(16)}\r\n`), p, Buffer.from("\r\n")]),
      Buffer.from("0\r\nx-trailer: 1\r\n\r\n"),
    ]);
    let at = 0;
    const drip = () => {
      if (at >= wire.length) return;
      socket.write(wire.subarray(at, at + 1));
      at++;
      setImmediate(drip);
    };
    drip();
  });
  const http = client();
  const endpoint = parseEndpoint(raw.url);
  assert.equal((await http.post(endpoint, "/x", {}, "{}")).body, body.toString("utf8"));
  // The connection is reusable after the last chunk and trailers.
  assert.equal((await http.post(endpoint, "/x", {}, "{}")).body, body.toString("utf8"));
  assert.equal(raw.connections, 1);
});

test("interim 1xx responses are skipped; two responses in one packet are not mixed up", async () => {
  const raw = await rawServer((socket, i) => {
    if (i === 0) socket.write(`HTTP/1.1 100 Continue\r\n\r\n${ok('{"a":1}')}`);
    else socket.write(ok(`{"b":${i}}`));
  });
  const http = client();
  const endpoint = parseEndpoint(raw.url);
  assert.equal((await http.post(endpoint, "/x", {}, "{}")).body, '{"a":1}');
  const [x, y] = await Promise.all([
    http.post(endpoint, "/x", {}, "{}"),
    http.post(endpoint, "/x", {}, "{}"),
  ]);
  assert.deepEqual([x.body, y.body].sort(), ['{"b":1}', '{"b":2}']);
});

test("a body without length ends at the close; Connection: close and HTTP/1.0 are not reused", async () => {
  const raw = await rawServer((socket, i) => {
    if (i === 0) socket.end('HTTP/1.1 200 OK\r\n\r\n{"until":"close"}');
    else if (i === 1) socket.write(ok('{"c":1}', "connection: close\r\n"));
    else if (i === 2) socket.write('HTTP/1.0 200 OK\r\ncontent-length: 7\r\n\r\n{"d":1}');
    else socket.write(ok('{"e":1}'));
  });
  const http = client();
  const endpoint = parseEndpoint(raw.url);
  assert.equal((await http.post(endpoint, "/x", {}, "{}")).body, '{"until":"close"}');
  assert.equal((await http.post(endpoint, "/x", {}, "{}")).body, '{"c":1}');
  assert.equal((await http.post(endpoint, "/x", {}, "{}")).body, '{"d":1}');
  assert.equal((await http.post(endpoint, "/x", {}, "{}")).body, '{"e":1}');
  assert.equal(raw.connections, 4);
});

test("a body cut short is 'truncated', a close before any answer is 'network', a refused port is 'unreachable'", async () => {
  const raw = await rawServer((socket, i) => {
    if (i === 0) socket.end('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"part');
    else if (i === 1) socket.destroy();
    else socket.end('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\n{"a":');
  });
  const http = client();
  const endpoint = parseEndpoint(raw.url);
  const cut = await failure(http.post(endpoint, "/x", {}, "{}"));
  assert.equal(cut.kind, "truncated");
  assert.match(cut.message, /after 6 of 100 bytes/);
  assert.equal((await failure(http.post(endpoint, "/x", {}, "{}"))).kind, "network");
  assert.equal((await failure(http.post(endpoint, "/x", {}, "{}"))).kind, "truncated");

  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const port = (closed.address() as { port: number }).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const refused = await failure(http.post(parseEndpoint(`http://127.0.0.1:${port}`), "/x", {}, "{}"));
  assert.equal(refused.kind, "unreachable");
});

test("an idle connection the server closed is dropped from the pool: the next request opens another", async () => {
  const raw = await rawServer((socket) => socket.end(ok("{}", "connection: keep-alive\r\n")));
  const http = client();
  const endpoint = parseEndpoint(raw.url);
  await http.post(endpoint, "/x", {}, "{}");
  await new Promise((resolve) => setTimeout(resolve, 50)); // the FIN arrives while idle
  assert.equal((await http.post(endpoint, "/x", {}, "{}")).body, "{}");
  assert.equal(raw.connections, 2);
});

test("at the socket limit requests wait for a free connection; an abort ends a request at once", async () => {
  const raw = await rawServer((socket, i, request) => {
    if (request.includes('"hang"')) return;
    setTimeout(() => socket.write(ok(`{"n":${i}}`)), 5);
  });
  const http = client({ maxSockets: 1 });
  const endpoint = parseEndpoint(raw.url);
  const bodies = await Promise.all([0, 1, 2].map(() => http.post(endpoint, "/x", {}, "{}")));
  assert.deepEqual(
    bodies.map((b) => b.body),
    ['{"n":0}', '{"n":1}', '{"n":2}'],
  );
  assert.equal(raw.connections, 1);

  const controller = new AbortController();
  const hanging = http.post(endpoint, "/x", {}, '{"hang":1}', controller.signal);
  const queued = http.post(endpoint, "/x", {}, "{}", controller.signal);
  setTimeout(() => controller.abort(), 20);
  assert.equal((await failure(hanging)).kind, "aborted");
  assert.equal((await failure(queued)).kind, "aborted");
  // The aborted connection is gone; the next request gets a new one.
  assert.equal((await http.post(endpoint, "/x", {}, "{}")).status, 200);
  assert.equal(raw.connections, 2);
});

test("a header value with a line break is refused before anything is sent", async () => {
  const raw = await rawServer((socket) => socket.write(ok("{}")));
  const error = await failure(client().post(parseEndpoint(raw.url), "/x", { "x-a": "1\r\nx-b: 2" }, "{}"));
  assert.equal(error.kind, "bad_request");
  assert.equal(raw.requests.length, 0);
});

test("HTTPS: the certificate is verified (a self-signed one only with its CA given), keep-alive holds", async () => {
  const cert = readFileSync(new URL("fixtures/test-tls.crt", import.meta.url), "utf8");
  const key = readFileSync(new URL("fixtures/test-tls.key", import.meta.url), "utf8");
  let connections = 0;
  const server = createTlsServer({ cert, key }, (socket) => {
    connections++;
    socket.on("data", () => socket.write(ok('{"secure":true}')));
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  after(() => server.close());
  const port = (server.address() as { port: number }).port;
  const endpoint = parseEndpoint(`https://localhost:${port}/v1`);
  const untrusted = await failure(client().post(endpoint, "/x", {}, "{}"));
  assert.equal(untrusted.kind, "network");
  assert.match(untrusted.message, /CERT/);
  const http = client({ ca: cert });
  assert.equal((await http.post(endpoint, "/x", {}, "{}")).body, '{"secure":true}');
  assert.equal((await http.post(endpoint, "/x", {}, "{}")).body, '{"secure":true}');
  assert.equal(connections, 1); // kept alive (the untrusting client never finished a handshake)
});
