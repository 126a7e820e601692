/**
 * What a request to `/admin/gql` may be, all decided before it runs, so a refused request costs no upstream
 * call: the body size and batch size (Yoga's own options), CSRF prevention, limits on the query document,
 * introspection on or off, and the coded errors and HTTP statuses of every refusal. Each part is its own
 * module; the server only lists them.
 */
import type { Plugin, YogaServerOptions } from 'graphql-yoga';
import type { RequestLimits } from '../settings.ts';
import { csrfPreventionPlugin } from './csrf.ts';
import { introspectionPlugins } from './introspection.ts';
import { nestingGuardPlugin } from './nesting.ts';
import { queryLimitPlugins } from './query-limits.ts';
import { useGatewayRequestErrors } from './request-errors.ts';

/** Yoga's plugins for the limits; list them after any plugin that sets the parser (the token limit parses). */
export function requestLimitPlugins(limits: RequestLimits): Plugin[] {
  return [
    ...(limits.csrfPrevention ? [csrfPreventionPlugin()] : []),
    ...queryLimitPlugins(limits),
    nestingGuardPlugin(),
    ...introspectionPlugins(limits.introspection),
    useGatewayRequestErrors(limits.maxRequestBodyBytes),
  ];
}

/** Yoga's own options for the limits it enforces itself. */
export function requestLimitOptions(
  limits: RequestLimits,
): Pick<YogaServerOptions<object, object>, 'maxRequestBodySize' | 'batching'> {
  return {
    // Yoga refuses a larger Content-Length before reading the body, and stops reading one sent in chunks.
    maxRequestBodySize: limits.maxRequestBodyBytes > 0 ? limits.maxRequestBodyBytes : false,
    batching: limits.maxBatchSize > 1 ? { limit: limits.maxBatchSize } : false,
  };
}
