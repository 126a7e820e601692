/**
 * A route another module serves on the sandbox's server (the native v2 API): resolved like the built-in
 * routes, served after the faults, the latency and the API-version check, with its own body handling and
 * authentication. The HTTP layer knows nothing of what it serves.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface ExtraRouteRequest {
  method: string;
  /** Path with query string, as on the request line. */
  rawPath: string;
  /** The full URL, as the manager's messages quote it. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ExtraRouteAnswer {
  status: number;
  body: string;
  contentType: string;
}

export interface ExtraRoute {
  path: string;
  methods: string[];
  handle(request: ExtraRouteRequest): Promise<ExtraRouteAnswer>;
}
