/** Coping with upstream faults, as pure logic: circuits, retries, request ids, readiness. */
export * from './circuit-breaker.ts';
export * from './read-only-call.ts';
export * from './readiness.ts';
export * from './request-id.ts';
export * from './retry-policy.ts';
export * from './upstream-outcome.ts';
