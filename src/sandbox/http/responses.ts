/** Writing answers as the manager's aiohttp server does, and reading request bodies. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ManagerError } from '../errors.ts';
import type { ManagerVersion } from '../releases.ts';

export function send(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    server: 'BackendAI',
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  });
  response.end(body);
}

export function sendError(response: ServerResponse, error: ManagerError, version: ManagerVersion) {
  send(response, error.status, JSON.stringify(error.body(version)), {
    'content-type': 'application/problem+json; charset=utf-8',
  });
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
