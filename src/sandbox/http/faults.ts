/**
 * The faults a sandbox can be told to show (`SANDBOX_FAULT`, `setFault`): `down` (the listener closed,
 * see http/server.ts), `slow` (each answer delayed), `status` (every request answered with that status
 * and an HTML body by default) and `malformed-json` (200 with a truncated JSON body).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, send } from './responses.ts';

export type Fault =
  | { kind: 'down' }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'malformed-json' };

/** `down`, `slow:<ms>`, `status:<code>` or `malformed-json`. */
export function parseFault(text: string): Fault {
  const [kind, argument] = text.split(':', 2);
  if (kind === 'down') return { kind: 'down' };
  if (kind === 'malformed-json') return { kind: 'malformed-json' };
  if (kind === 'slow' && Number(argument) >= 0) return { kind: 'slow', delayMs: Number(argument) };
  if (kind === 'status' && /^[1-5]\d\d$/.test(argument ?? ''))
    return { kind: 'status', status: Number(argument) };
  throw new Error(`SANDBOX_FAULT must be down, slow:<ms>, status:<code> or malformed-json, got "${text}"`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Plays the fault on a request: waits for `slow`, and answers `status` and `malformed-json` itself.
 * True when the request is answered; false when it goes on to be routed.
 */
export async function answerWithFault(
  fault: Fault | null,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<boolean> {
  if (fault?.kind === 'slow') await sleep(fault.delayMs);
  if (fault?.kind === 'status') {
    await readBody(request);
    send(response, fault.status, fault.body ?? '<html><body><h1>503 Service Unavailable</h1></body></html>', {
      'content-type': 'text/html; charset=utf-8',
    });
    return true;
  }
  if (fault?.kind === 'malformed-json') {
    await readBody(request);
    send(response, 200, '{"data": {"image_nodes": {"edges": [');
    return true;
  }
  return false;
}
