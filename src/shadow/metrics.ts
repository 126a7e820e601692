/**
 * Shadow mode's counters, on prom-client's default registry (what `/metrics` exposes): replayed requests
 * by outcome, and values that differ from the native answer by field path.
 */
import { Counter, register } from 'prom-client';

export type ShadowOutcome =
  /** The native answer matched (or differed only as the ignore rules allow). */
  | 'matched'
  | 'mismatched'
  /** The native endpoint answered something that is no GraphQL answer, or could not be reached. */
  | 'failed'
  | 'timeout'
  /** The queue was full. */
  | 'dropped'
  /** The caller sent no credentials of its own to replay with. */
  | 'no-credentials';

function counter(name: string, help: string, labelNames: string[]): Counter {
  // A module loaded twice in one process (test isolation) must not register a metric twice.
  return (register.getSingleMetric(name) as Counter | undefined) ?? new Counter({ name, help, labelNames });
}

const requests = counter(
  'imagev2_gateway_shadow_requests_total',
  'Live v2 queries replayed against the native v2 endpoint, by outcome',
  ['outcome'],
);

const mismatches = counter(
  'imagev2_gateway_shadow_mismatches_total',
  'Values of live v2 answers that differ from the native v2 answer, by field path',
  ['path'],
);

export function countShadowRequest(outcome: ShadowOutcome): void {
  requests.inc({ outcome });
}

export function countShadowMismatch(path: string): void {
  mismatches.inc({ path });
}

async function counted(metric: Counter, label: string, value: string): Promise<number> {
  const { values } = await metric.get();
  return values.find((entry) => entry.labels[label] === value)?.value ?? 0;
}

/** How many replays ended so (for the readiness report and tests). */
export const shadowRequestCount = (outcome: ShadowOutcome) => counted(requests, 'outcome', outcome);
export const shadowMismatchCount = (path: string) => counted(mismatches, 'path', path);
