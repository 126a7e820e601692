/**
 * The sandbox manager's HTTP server: every request is counted, delayed by the configured latency, answered
 * by the current fault if there is one (faults.ts), else routed (routes.ts). Refusals become the release's
 * problem bodies; anything unexpected is logged and answered as the manager's internal error.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManagerError } from '../errors.ts';
import { answerWithFault, sleep } from './faults.ts';
import type { ServerOptions } from './options.ts';
import { send, sendError } from './responses.ts';
import { serveRoute } from './routes.ts';
import { countBytesSent } from './stats.ts';

export async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: ServerOptions,
): Promise<void> {
  options.stats.requests += 1;
  countBytesSent(response, options.stats);
  const path = (request.url ?? '/').split('?')[0] as string;
  options.stats.byPath[path] = (options.stats.byPath[path] ?? 0) + 1;
  const fault = options.fault();
  if (options.latencyMs > 0) await sleep(options.latencyMs);
  if (await answerWithFault(fault, request, response)) return;
  try {
    await serveRoute(request, response, options);
  } catch (error) {
    if (error instanceof ManagerError) sendError(response, error, options.version);
    else {
      console.error(error);
      sendError(response, new ManagerError('internalServerError'), options.version);
    }
  }
}

/** A listening server that can be taken down and brought back on the same port (the "down" fault). */
export class SandboxHttpServer {
  private server: Server;
  port = 0;

  constructor(private readonly options: ServerOptions) {
    this.server = this.create();
  }

  private create(): Server {
    const server = createServer((request, response) => {
      handle(request, response, this.options).catch((error) => {
        console.error(error);
        if (!response.headersSent) send(response, 500, '{}');
      });
    });
    server.keepAliveTimeout = 65_000;
    return server;
  }

  async listen(port = this.options.port): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, this.options.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Stops listening and drops open connections, so new connections are refused. */
  async stop(): Promise<void> {
    if (!this.server.listening) return;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    this.server = this.create();
  }
}
