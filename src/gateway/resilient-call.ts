/**
 * One upstream call made resilient: each attempt is bounded by a timeout, goes through the source's
 * circuit, is counted and timed, and is tried again with a jittered backoff when the rules allow it
 * (src/resilience/). What the client finally gets is the last attempt's answer or error; a call the
 * open circuit refuses outright fails at once with its own clear error.
 */
import { upstreamError } from '../errors/index.ts';
import {
  type CircuitBreaker,
  isAnswer,
  isUnreachable,
  outcomeOfStatus,
  type RetrySettings,
  retryDelayMs,
  type UpstreamOutcome,
} from '../resilience/index.ts';
import type { JsonLogger } from './observability/json-logger.ts';
import type { GatewayMetrics } from './observability/metrics.ts';

export interface ResilienceSettings extends RetrySettings {
  /** Each attempt's bound; 0 sets none. */
  timeoutMs: number;
}

export interface CallDescription {
  /** The Mesh source the call is for, as metrics and logs name it. */
  source: string;
  /** Only reads are tried again. */
  readOnly: boolean;
  /** Aborts when the client's request is given up. */
  callerSignal?: AbortSignal | null;
}

export interface CallDependencies {
  circuit: CircuitBreaker;
  settings: ResilienceSettings;
  metrics: GatewayMetrics;
  logger: JsonLogger;
  random?: () => number;
}

type Attempt =
  | { response: Response; outcome: UpstreamOutcome }
  | { error: unknown; outcome: UpstreamOutcome };

function retryDetail(ms: number): string {
  return `retry in ${Math.max(1, Math.ceil(ms / 1000))} s`;
}

function sleep(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

async function discard(attempt: Attempt): Promise<void> {
  if ('response' in attempt) await attempt.response.arrayBuffer().catch(() => undefined);
}

function settle(attempt: Attempt): Response {
  if ('response' in attempt) return attempt.response;
  throw attempt.error;
}

function recordVerdict(circuit: CircuitBreaker, outcome: UpstreamOutcome): void {
  if (isAnswer(outcome)) circuit.succeeded();
  else if (isUnreachable(outcome)) circuit.failed();
  else circuit.released();
}

async function attemptOnce(
  send: (signal: AbortSignal | undefined) => Promise<Response>,
  timeoutMs: number,
  callerSignal: AbortSignal | null | undefined,
): Promise<Attempt> {
  const timer = timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : null;
  const signals = [callerSignal, timer].filter((signal): signal is AbortSignal => !!signal);
  const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  try {
    const response = await send(signal);
    return { response, outcome: outcomeOfStatus(response.status) };
  } catch (error) {
    if (timer?.aborted) return { error: upstreamError('timeout'), outcome: 'timeout' };
    return { error, outcome: callerSignal?.aborted ? 'canceled' : 'network' };
  }
}

export async function resilientCall(
  send: (signal: AbortSignal | undefined) => Promise<Response>,
  call: CallDescription,
  deps: CallDependencies,
): Promise<Response> {
  const { circuit, settings, metrics, logger } = deps;
  let previous: Attempt | null = null;
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    const admission = circuit.admit();
    if (!admission.admitted) {
      metrics.upstreamCall(call.source, 'circuit-open', null);
      logger.debug('upstream call not sent: the circuit is open', { source: call.source });
      // A retry the circuit refuses leaves the client with the failure that was met, which says more.
      if (previous) return settle(previous);
      throw upstreamError('circuit-open', retryDetail(admission.retryInMs));
    }
    if (previous) {
      await discard(previous);
      metrics.upstreamRetries.inc({ source: call.source });
    }
    const startedAt = performance.now();
    const attempt = await attemptOnce(send, settings.timeoutMs, call.callerSignal);
    metrics.upstreamCall(call.source, attempt.outcome, (performance.now() - startedAt) / 1000);
    recordVerdict(circuit, attempt.outcome);
    const delay = call.callerSignal?.aborted
      ? null
      : retryDelayMs(attemptNumber, attempt.outcome, call.readOnly, settings, deps.random ?? Math.random);
    if (attempt.outcome !== 'ok') {
      const level = isUnreachable(attempt.outcome) || attempt.outcome === 'server-error' ? 'warn' : 'debug';
      logger[level]('upstream call failed', {
        source: call.source,
        outcome: attempt.outcome,
        attempt: attemptNumber,
        ...('response' in attempt ? { status: attempt.response.status } : {}),
        ...(delay !== null ? { retryInMs: delay } : {}),
      });
    }
    if (delay === null) return settle(attempt);
    await sleep(delay, call.callerSignal);
    previous = attempt;
  }
}
