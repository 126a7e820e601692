/**
 * `GET /` of the gateway answers with the fronted manager's own `GET /` (its release and API versions, which
 * clients such as the web UI read to decide what to send). It is bounded by `UPSTREAM_TIMEOUT_MS` like every
 * other upstream call, and a manager that does not answer gets a problem+json in the manager's own shape
 * (502 unreachable, 504 too slow) that names no upstream address.
 */
import { request } from 'undici';
import { type UpstreamFaultKind, upstreamProblem } from '../errors/index.ts';

function problem(kind: UpstreamFaultKind, detail?: string): Response {
  return new Response(JSON.stringify(upstreamProblem(kind, detail)), {
    status: kind === 'timeout' ? 504 : 502,
    headers: { 'content-type': 'application/problem+json' },
  });
}

function faultOf(error: unknown): Response {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  if (name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT')
    return problem('timeout');
  return problem('unreachable', typeof code === 'string' ? code : undefined);
}

/** The manager's `GET /` answer, or a problem; never rejects. `timeoutMs` 0 waits without a bound. */
export async function passManagerVersion(legacyUrl: string, timeoutMs: number): Promise<Response> {
  try {
    const signal = timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined;
    const response = await request(`${legacyUrl}/`, { method: 'GET', ...(signal ? { signal } : {}) });
    const body = await response.body.text();
    return new Response(body, {
      status: response.statusCode,
      headers: { 'content-type': String(response.headers['content-type'] ?? 'application/json') },
    });
  } catch (error) {
    return faultOf(error);
  }
}
