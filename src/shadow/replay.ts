/**
 * One shadow replay: the caller's query sent to the native v2 endpoint with the caller's credentials, and
 * the native answer compared with the answer the gateway gave (see src/compare). Outcomes and mismatching
 * field paths are counted; mismatches are logged with a few examples. Never throws.
 */
import { request } from 'undici';
import { type CompareRules, diffAnswers, preview, type RawAnswer, readAnswer } from '../compare/index.ts';
import { countShadowMismatch, countShadowRequest } from './metrics.ts';

export interface ShadowTarget {
  /** The native v2 endpoint, such as `http://manager:8081/admin/gql/strawberry`. */
  url: string;
  rules: CompareRules;
  logger: { warn(message: string): void; debug(message: string): void };
}

export interface ShadowJob {
  /** The operation's name, for logs. */
  label: string;
  /** The request body: the caller's query, variables and operation name, and nothing else. */
  body: string;
  /** The caller's credentials (see caller-credentials.ts) and content type. */
  headers: Record<string, string>;
  /** The answer the gateway gave the caller, read when the replay is compared. */
  gatewayAnswer: () => RawAnswer;
}

export const EXAMPLES_IN_LOG = 3;

async function askNative(
  job: ShadowJob,
  target: ShadowTarget,
  signal: AbortSignal,
): Promise<{ status: number; body: string } | null> {
  try {
    const response = await request(target.url, {
      method: 'POST',
      headers: job.headers,
      body: job.body,
      signal,
    });
    return { status: response.statusCode, body: await response.body.text() };
  } catch (error) {
    const timedOut = signal.aborted && (signal.reason as Error | undefined)?.name === 'TimeoutError';
    countShadowRequest(timedOut ? 'timeout' : 'failed');
    target.logger.debug(`shadow: ${job.label}: no native answer (${(error as Error).message})`);
    return null;
  }
}

export async function replayShadow(job: ShadowJob, target: ShadowTarget, signal: AbortSignal): Promise<void> {
  const raw = await askNative(job, target, signal);
  if (raw === null) return;
  const native = readAnswer(raw);
  if (native.otherBody !== null) {
    countShadowRequest('failed');
    target.logger.debug(
      `shadow: ${job.label}: the native endpoint answered HTTP ${raw.status} without GraphQL`,
    );
    return;
  }
  const observations = diffAnswers(readAnswer(job.gatewayAnswer()), native, target.rules);
  const mismatched = observations.filter((observation) => observation.outcome === 'mismatched');
  for (const observation of mismatched) countShadowMismatch(observation.path);
  countShadowRequest(mismatched.length > 0 ? 'mismatched' : 'matched');
  if (mismatched.length === 0) return;
  const paths = [...new Set(mismatched.map((observation) => observation.path))];
  const examples = mismatched
    .slice(0, EXAMPLES_IN_LOG)
    .map((o) => `${o.at}: gateway ${preview(o.control, 120)}, native ${preview(o.candidate, 120)}`);
  target.logger.warn(
    `shadow: ${job.label} differs from the native answer at ${paths.length === 1 ? 'one field path' : `${paths.length} field paths`} (${paths.join(', ')}); ` +
      `for example ${examples.join('; ')}`,
  );
}
