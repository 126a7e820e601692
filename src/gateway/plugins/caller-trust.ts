/**
 * Yoga plugin: the trust boundary at the edge of the gateway.
 *
 * - When a request arrives, who its caller is is decided once (src/trust/caller-identity.ts), believing
 *   forwarding headers only from `TRUSTED_PROXIES`, and kept beside the request (request-trust.ts) for the
 *   upstream-credentials Mesh plugin to read.
 * - An operation the gateway answers alone (introspection only) first has the manager check the caller.
 * - Where the manager refused the caller at the HTTP level, the client gets that refusal as the manager
 *   gave it (status and problem body) instead of a GraphQL answer, exactly as without the gateway.
 */
import type { IncomingMessage } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import type { ManagerRefusal } from '../../errors/index.ts';
import { answeredWithoutManager } from '../../trust/answered-alone.ts';
import { anonymousCaller, type CallerIdentity, identifyCaller } from '../../trust/caller-identity.ts';
import { callerOf, refusalOf, rememberCaller, rememberRefusal } from '../../trust/request-trust.ts';
import type { ProxyTrust } from '../../trust/trusted-proxies.ts';

export interface CallerTrustOptions {
  trustedProxies: ProxyTrust;
  /** Asks the manager whether it accepts the caller's credentials; its refusal, or null. */
  checkCaller: (caller: CallerIdentity) => Promise<ManagerRefusal | null>;
}

export function useCallerTrust(options: CallerTrustOptions): Plugin<{ request: Request }> {
  return {
    onRequest({ request, serverContext }) {
      const req = (serverContext as { req?: IncomingMessage }).req;
      rememberCaller(
        request,
        identifyCaller(
          { headers: request.headers, url: request.url, remoteAddress: req?.socket?.remoteAddress ?? null },
          options.trustedProxies,
        ),
      );
    },
    async onExecute({ args, setResultAndStopExecution }) {
      if (!answeredWithoutManager(args.document, args.operationName)) return;
      const request = args.contextValue.request;
      const refusal = await options.checkCaller(callerOf(request) ?? anonymousCaller(request.url));
      if (refusal) {
        rememberRefusal(request, refusal);
        setResultAndStopExecution({ data: null });
      }
    },
    onResultProcess({ request, setResultProcessor }) {
      const refusal = refusalOf(request);
      if (!refusal) return;
      setResultProcessor(
        (_result, fetchAPI) =>
          new fetchAPI.Response(refusal.body, {
            status: refusal.status,
            headers: { 'content-type': refusal.contentType },
          }),
        refusal.contentType,
      );
    },
  };
}
