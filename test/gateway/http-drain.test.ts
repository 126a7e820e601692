import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { closeGracefully, trackInFlight } from '../../src/gateway/http-drain.ts';

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.closeAllConnections();
});

/** A real HTTP server whose answers take `delayMs`. */
async function slowServer(delayMs: number) {
  const server = createServer((_request, response) => {
    setTimeout(() => response.end('done'), delayMs);
  });
  servers.push(server);
  const inFlight = trackInFlight(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { server, inFlight, url };
}

/** Until the server has the request in hand (a fixed sleep is too short on a loaded machine). */
async function untilInFlight(inFlight: { count: number }) {
  for (let waited = 0; inFlight.count === 0 && waited < 5000; waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const get = (url: string) =>
  request(url).then(
    async (response) => ({ status: response.statusCode, body: await response.body.text() }),
    (error: Error & { code?: string }) => ({ error: error.code ?? error.message }),
  );

describe('closeGracefully', () => {
  it('lets a request in flight finish, and refuses new connections meanwhile', async () => {
    const { server, inFlight, url } = await slowServer(1500);
    const inFlightAnswer = get(url);
    await untilInFlight(inFlight);
    expect(inFlight.count).toBe(1);
    const closing = closeGracefully(server, inFlight, 5000);
    expect(await get(url)).toEqual({ error: 'ECONNREFUSED' });
    expect(await inFlightAnswer).toEqual({ status: 200, body: 'done' });
    expect(await closing).toEqual({ cutOff: 0 });
  });

  it('closes what is still in flight once the grace period is over', async () => {
    const { server, inFlight, url } = await slowServer(10_000);
    const inFlightAnswer = get(url);
    await untilInFlight(inFlight);
    const startedAt = performance.now();
    expect(await closeGracefully(server, inFlight, 200)).toEqual({ cutOff: 1 });
    expect(performance.now() - startedAt).toBeLessThan(5000);
    expect(await inFlightAnswer).toHaveProperty('error');
  });

  it('closes at once when nothing is in flight', async () => {
    const { server, inFlight, url } = await slowServer(0);
    expect(await get(url)).toEqual({ status: 200, body: 'done' });
    expect(await closeGracefully(server, inFlight, 60_000)).toEqual({ cutOff: 0 });
  });
});
