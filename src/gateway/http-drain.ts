/**
 * Closing the HTTP server gracefully: it stops accepting connections at once, lets the requests in flight
 * finish for up to a grace period, then closes every connection that is left. Idle keep-alive connections
 * are closed at once, so a client does not send a new request on a connection that is about to go.
 */
import type { Server } from 'node:http';

export interface InFlight {
  readonly count: number;
  /** Resolves once no request is in flight. */
  idle(): Promise<void>;
}

/** Counts the server's requests from arrival until their response is done (or their connection gone). */
export function trackInFlight(server: Server): InFlight {
  let count = 0;
  const waiters: (() => void)[] = [];
  server.on('request', (_request, response) => {
    count += 1;
    response.once('close', () => {
      count -= 1;
      if (count === 0) for (const wake of waiters.splice(0)) wake();
    });
  });
  return {
    get count() {
      return count;
    },
    idle: () => (count === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
}

/** Stops accepting, waits up to `graceMs` for the requests in flight, then closes what is left. */
export async function closeGracefully(
  server: Server,
  inFlight: InFlight,
  graceMs: number,
): Promise<{ cutOff: number }> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    inFlight.idle(),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    }),
  ]);
  clearTimeout(timer);
  const cutOff = inFlight.count;
  server.closeAllConnections();
  await closed;
  return { cutOff };
}
