/**
 * CSRF prevention (Yoga's `useCSRFPrevention`): a browser sends a cross-site request without asking the
 * server first (a CORS preflight) only when it has a form content type (or none) and no custom header, so
 * such requests are refused unless they carry a header no cross-site form can set. Backend.AI clients are
 * unaffected: they post `application/json`, and sign with `Authorization` and `X-BackendAI-Version` or send
 * `X-BackendAI-Token`.
 */
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import type { Plugin } from 'graphql-yoga';
import { crossSiteRequestRefused } from '../../errors/index.ts';

/** Any one of them shows the request was not a plain cross-site form or link. */
export const CSRF_SAFE_HEADERS = [
  'authorization',
  'x-backendai-token',
  'x-backendai-version',
  'x-graphql-yoga-csrf',
] as const;

export function csrfPreventionPlugin(): Plugin {
  const yogaPlugin = useCSRFPrevention({ requestHeaders: [...CSRF_SAFE_HEADERS] });
  return {
    onRequestParse(payload) {
      try {
        return yogaPlugin.onRequestParse?.(payload);
      } catch {
        // Yoga's own refusal has no code; the gateway's says what to send instead.
        throw crossSiteRequestRefused(CSRF_SAFE_HEADERS);
      }
    },
  };
}
