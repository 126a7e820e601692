/**
 * When an upstream call is tried again, and after how long. Only reads are retried (a mutation the manager
 * may have applied before the connection broke must not be applied twice), only when the manager could
 * not be reached (see upstream-outcome.ts), at most `retries` times, after an exponential backoff with
 * full jitter (a random delay up to `backoffMs * 2^(n-1)`), so gateways that lost the manager together
 * do not come back in lockstep.
 */
import { isUnreachable, type UpstreamOutcome } from './upstream-outcome.ts';

export interface RetrySettings {
  /** Extra attempts after the first; 0 turns retries off. */
  retries: number;
  /** Upper bound of the first delay; each further delay's bound doubles. */
  backoffMs: number;
}

/**
 * The delay before attempt `failedAttempts + 1`, or null when the call is not tried again.
 * `random` is in [0, 1) (Math.random in production).
 */
export function retryDelayMs(
  failedAttempts: number,
  outcome: UpstreamOutcome,
  readOnly: boolean,
  settings: RetrySettings,
  random: () => number,
): number | null {
  if (!readOnly || !isUnreachable(outcome) || failedAttempts > settings.retries) return null;
  const bound = settings.backoffMs * 2 ** (failedAttempts - 1);
  return Math.floor(random() * bound);
}
