import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeRequest = { method: string; url: URL; headers: IncomingHttpHeaders; body: string };
export type FakeReply = { status: number; body?: unknown; headers?: Record<string, string> };

export type FakeServer = {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  /** Every request received, in order: what tests assert the client sent. */
  requests: FakeRequest[];
  close(): Promise<void>;
};

/**
 * A loopback HTTP server on a random port that answers with JSON. A handler that throws answers
 * 500 with the message, so a broken fake shows up as a failing test rather than a hang.
 */
export async function startFakeServer(handle: (request: FakeRequest) => FakeReply | Promise<FakeReply>): Promise<FakeServer> {
  const requests: FakeRequest[] = [];
  let origin = "";
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request: FakeRequest = {
        method: req.method ?? "GET",
        url: new URL(req.url ?? "/", origin),
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(request);
      Promise.resolve()
        .then(() => handle(request))
        .catch((error: Error): FakeReply => ({ status: 500, body: { error: { code: "fakeServerError", message: error.message } } }))
        .then((reply) => {
          const text = reply.body === undefined ? "" : JSON.stringify(reply.body);
          res.writeHead(reply.status, { "content-type": "application/json; charset=UTF-8", ...reply.headers });
          res.end(text);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Opaque paging and sync tokens: base64url JSON, so a fake can read back its own state. */
export function encodeToken(state: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(state)).toString("base64url");
}

export function decodeToken(token: string): Record<string, string | number> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null ? (value as Record<string, string | number>) : null;
  } catch {
    return null;
  }
}

/** A form-encoded body (token requests) as a map. */
export function formFields(body: string): URLSearchParams {
  return new URLSearchParams(body);
}
