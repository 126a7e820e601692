/**
 * Per-request trust state, kept beside the request and dropped with it (a WeakMap keyed by the Request):
 * who the caller is (decided once, when the request arrives) and the manager's refusal of that caller, if
 * any upstream call was refused. Nothing here outlives its request or crosses to another caller.
 *
 * The one other marker is on contexts: `asGatewayRead` marks the context of one of the gateway's own reads
 * (src/trust/gateway-reads.ts); everything else made while serving a request is that caller's call.
 */
import type { ManagerRefusal } from '../errors/index.ts';
import type { CallerIdentity } from './caller-identity.ts';
import type { GatewayRead } from './gateway-reads.ts';

interface RequestTrust {
  caller: CallerIdentity;
  refusal: ManagerRefusal | null;
}

const trustByRequest = new WeakMap<Request, RequestTrust>();

export function rememberCaller(request: Request, caller: CallerIdentity): void {
  trustByRequest.set(request, { caller, refusal: null });
}

/** The caller of a request, or null for a request that was never identified (it then sends nothing). */
export function callerOf(request: Request | undefined): CallerIdentity | null {
  return (request && trustByRequest.get(request)?.caller) || null;
}

/** Keeps the first refusal: the manager refuses a caller the same way on every call. */
export function rememberRefusal(request: Request | undefined, refusal: ManagerRefusal): void {
  const trust = request && trustByRequest.get(request);
  if (trust && !trust.refusal) trust.refusal = refusal;
}

export function refusalOf(request: Request): ManagerRefusal | null {
  return trustByRequest.get(request)?.refusal ?? null;
}

const GATEWAY_READ = Symbol.for('imagev2-gateway.gateway-read');

/** A context for one of the gateway's own reads, made while serving `context`'s request. */
export function asGatewayRead<T extends object>(context: T, read: GatewayRead): T {
  return Object.create(context, { [GATEWAY_READ]: { value: read } });
}

export function gatewayReadOf(context: unknown): GatewayRead | null {
  if (!context || typeof context !== 'object') return null;
  return ((context as Record<symbol, unknown>)[GATEWAY_READ] as GatewayRead | undefined) ?? null;
}
