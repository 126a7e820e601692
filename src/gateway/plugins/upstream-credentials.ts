/**
 * Mesh plugin: puts the right credentials on every upstream call (see ../upstream-credentials.ts for the
 * policy). Configured in .meshrc.yaml; the keypair comes from GATEWAY_ACCESS_KEY / GATEWAY_SECRET_KEY.
 */
import type { IncomingMessage } from 'node:http';
import type { MeshPlugin } from '@graphql-mesh/types';
import type { UpstreamAuthMode } from '../settings.ts';
import { type ClientRequestInfo, upstreamAuthHeaders } from '../upstream-credentials.ts';

export interface UpstreamCredentialsOptions {
  mode?: UpstreamAuthMode;
  accessKey?: string;
  secretKey?: string;
  apiVersion?: string;
  /** "true" sends the client's Host upstream (managers before 25.13 do not read X-Forwarded-URL). */
  forwardHost?: string | boolean;
}

/** Marks a context whose upstream calls are the gateway's own, not a client's. */
export const AS_GATEWAY = Symbol.for('imagev2-gateway.as-gateway');

/** A context for calls the gateway makes on its own behalf while serving `context`'s request. */
export function asGatewayContext<T extends object>(context: T): T {
  return Object.create(context, { [AS_GATEWAY]: { value: true } });
}

interface RequestContext {
  request?: Request;
  req?: IncomingMessage;
  [AS_GATEWAY]?: boolean;
}

function clientOf(context: RequestContext | undefined): ClientRequestInfo | null {
  if (!context?.request || context[AS_GATEWAY]) return null;
  return {
    headers: context.request.headers,
    url: context.request.url,
    remoteAddress: context.req?.socket?.remoteAddress ?? null,
  };
}

function headerRecord(headers: HeadersInit | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  new Headers(headers).forEach((value, name) => {
    record[name] = value;
  });
  return record;
}

export default function useUpstreamCredentials(
  options: UpstreamCredentialsOptions,
): MeshPlugin<RequestContext> {
  const mode = options.mode ?? 'forward';
  if (mode !== 'forward' && mode !== 'sign') {
    throw new Error(`upstream-credentials: mode must be "forward" or "sign", got "${String(mode)}"`);
  }
  const gatewayKeypair =
    options.accessKey && options.secretKey
      ? { accessKey: options.accessKey, secretKey: options.secretKey }
      : null;
  const policy = {
    mode,
    gatewayKeypair,
    apiVersion: options.apiVersion || undefined,
    forwardHost: options.forwardHost === true || options.forwardHost === 'true',
  };

  return {
    onFetch({ url, options: init, setOptions, context }) {
      const headers = headerRecord(init.headers as HeadersInit | undefined);
      const call = {
        method: init.method ?? 'GET',
        url,
        contentType: headers['content-type'] ?? 'application/json',
      };
      const auth = upstreamAuthHeaders(policy, clientOf(context), call, new Date());
      if (auth === null) return;
      setOptions({ ...init, headers: { ...headers, ...auth } });
    },
  };
}
