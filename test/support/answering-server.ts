/**
 * A small real GraphQL endpoint on loopback whose answers a test writes: to plant differences for
 * `compare` and shadow mode, or to be slow, failing or silent. It records every request it receives.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: { query?: string; variables?: Record<string, unknown>; operationName?: string } & Record<
    string,
    unknown
  >;
}

/** An answer: a JSON body (200 unless a status is given), raw text, or none at all until the server closes. */
export type Reply = { status?: number; json?: unknown; text?: string } | 'hang';

export interface AnsweringServer {
  url: string;
  /** The endpoint URL, `<url>/admin/gql`. */
  endpoint: string;
  received: ReceivedRequest[];
  /** Resolves with the next request the server receives (after the ones already received). */
  nextRequest(): Promise<ReceivedRequest>;
  close(): Promise<void>;
}

export async function startAnsweringServer(
  answer: (request: ReceivedRequest) => Reply | Promise<Reply>,
): Promise<AnsweringServer> {
  const received: ReceivedRequest[] = [];
  const waiting: ((request: ReceivedRequest) => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      let body: ReceivedRequest['body'] = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = {};
      }
      const request = { path: req.url ?? '/', headers: req.headers, body };
      received.push(request);
      for (const resolve of waiting.splice(0)) resolve(request);
      const reply = await answer(request);
      if (reply === 'hang') return;
      const text = reply.text ?? JSON.stringify(reply.json);
      res.writeHead(reply.status ?? 200, {
        'content-type': reply.text === undefined ? 'application/json' : 'text/plain',
      });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    endpoint: `${url}/admin/gql`,
    received,
    nextRequest: () => new Promise((resolve) => waiting.push(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A loopback URL where nothing listens: a port that was just free. */
export async function closedEndpoint(): Promise<string> {
  const server = await startAnsweringServer(() => ({ json: {} }));
  await server.close();
  return server.endpoint;
}
