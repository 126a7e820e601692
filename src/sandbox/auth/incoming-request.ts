/** A request as the authentication code reads it: method, raw path and headers, nothing else. */

export interface IncomingRequest {
  method: string;
  /** Path with query string, as on the request line (aiohttp's `raw_path`). */
  rawPath: string;
  /** Lower-case names, as node:http gives them. */
  headers: Record<string, string | string[] | undefined>;
}

/** A header's value (the first, if repeated), or undefined when absent. */
export function header(request: IncomingRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
