/**
 * A real HTTP proxy on loopback between the gateway and a sandbox manager, for faults the sandbox's own
 * switch cannot aim (one root field's request, the first request only) and for seeing what the gateway
 * sends upstream. It passes everything on unchanged (Host included, so signatures still verify) unless the
 * rule says otherwise, and records every request it received.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the proxy does with a request: pass it on (after a delay), answer a status itself, or drop the connection. */
export type ProxyAction = 'pass' | 'reset' | { status: number; body?: string } | { delayMs: number };
export type ProxyRule = (request: SeenRequest, index: number) => ProxyAction;

export interface FaultProxy {
  url: string;
  seen: SeenRequest[];
  rule: ProxyRule;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const proxy: FaultProxy = { url: '', seen: [], rule: () => 'pass', close: async () => {} };
  const server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const seen: SeenRequest = {
      method: incoming.method ?? 'GET',
      path: incoming.url ?? '/',
      headers: incoming.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    const action = proxy.rule(seen, proxy.seen.length);
    proxy.seen.push(seen);
    if (action === 'reset') {
      incoming.socket.destroy();
      return;
    }
    if (typeof action === 'object' && 'delayMs' in action) {
      await new Promise((resolve) => setTimeout(resolve, action.delayMs));
      if (outgoing.destroyed) return;
    } else if (action !== 'pass') {
      outgoing
        .writeHead(action.status, { 'content-type': 'text/html' })
        .end(action.body ?? '<h1>Bad Gateway</h1>');
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(incoming.headers).filter(([name]) => !HOP_BY_HOP.has(name)),
    ) as Record<string, string>;
    try {
      const answer = await request(`${target}${seen.path}`, {
        method: seen.method as 'GET',
        headers,
        body: seen.body || undefined,
      });
      const body = Buffer.from(await answer.body.arrayBuffer());
      const answerHeaders = Object.fromEntries(
        Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name)),
      );
      outgoing.writeHead(answer.statusCode, answerHeaders).end(body);
    } catch {
      outgoing.writeHead(502).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return proxy;
}
