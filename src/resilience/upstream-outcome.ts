/**
 * What one upstream call came to, and what follows from it: whether it counts against the circuit and
 * whether a read may be tried again.
 *
 * Only signs that the manager cannot be reached count: no connection, no answer in time, or a 502/503/504
 * (the manager restarting, or a proxy in front of it without a manager behind). Any other answer means the
 * manager is up: a 4xx is a refusal of this request, and a 500 is the manager's handler failing on this
 * request (26.3 to 26.8 answer 500 for most REST image reads, every time); trying again would not help
 * and must not shut out the other requests.
 */

export type UpstreamOutcome =
  /** 2xx or 3xx. */
  | 'ok'
  /** 4xx: the manager refused this request (credentials, body, path). */
  | 'refused'
  /** 500, 501 and other 5xx but 502-504: the manager's handler failed. */
  | 'server-error'
  /** 502, 503, 504. */
  | 'unavailable'
  | 'timeout'
  /** No connection, or the connection broke before an answer. */
  | 'network'
  /** The client's request was given up (it went away), so the call says nothing about the manager. */
  | 'canceled'
  /** Not sent: the circuit is open. */
  | 'circuit-open';

export function outcomeOfStatus(status: number): UpstreamOutcome {
  if (status >= 200 && status < 400) return 'ok';
  if (status >= 400 && status < 500) return 'refused';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return 'server-error';
}

const MANAGER_UNREACHABLE = new Set<UpstreamOutcome>(['unavailable', 'timeout', 'network']);

/** A sign the manager cannot be reached: it counts against the circuit, and a read may be tried again. */
export function isUnreachable(outcome: UpstreamOutcome): boolean {
  return MANAGER_UNREACHABLE.has(outcome);
}

/** The manager answered this call (whatever it answered). */
export function isAnswer(outcome: UpstreamOutcome): boolean {
  return outcome === 'ok' || outcome === 'refused' || outcome === 'server-error';
}
