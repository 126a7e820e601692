/**
 * A real HTTP hop between the gateway and the manager that records every request it passes on (method,
 * path, headers, body), so a test can see exactly what the manager was asked and as whom. `rewrite` may
 * change an answer on its way back, to play a manager that answers differently.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RecordingProxy {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export type RewriteAnswer = (body: string, request: RecordedRequest) => string;

export async function startRecordingProxy(target: string, rewrite?: RewriteAnswer): Promise<RecordingProxy> {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const recorded = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body };
    requests.push(recorded);
    const { host: _host, connection: _connection, 'content-length': _length, ...headers } = req.headers;
    // The manager checks signatures against the Host it receives when X-Forwarded-URL is absent.
    const upstream = await request(`${target}${req.url}`, {
      method: req.method as 'GET',
      headers: { ...headers, host: req.headers.host ?? '' } as unknown as Record<string, string>,
      ...(body ? { body } : {}),
    });
    const answer = Buffer.from(await upstream.body.arrayBuffer());
    if (!rewrite) {
      res.writeHead(upstream.statusCode, upstream.headers as Record<string, string>);
      res.end(answer);
      return;
    }
    const { 'content-length': _answerLength, ...answerHeaders } = upstream.headers;
    res.writeHead(upstream.statusCode, answerHeaders as Record<string, string>);
    res.end(rewrite(answer.toString('utf8'), recorded));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
