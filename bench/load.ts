/**
 * One row's load: a signed request sent over and over by autocannon for a fixed time, after a short
 * warm-up, with the serving process's CPU time and memory read before and after.
 */
import autocannon from 'autocannon';
import { request } from 'undici';
import { signRequestHeaders } from '../src/auth/index.ts';
import { DEMO_KEYPAIRS } from '../src/sandbox/index.ts';
import { edgesOf } from './queries.ts';

/** Who a row asks as: the sandbox's demo superadmin (Backend.AI's example keypair) or its plain user. */
export type Who = 'superadmin' | 'user';

export const KEYPAIRS: Record<Who, { accessKey: string; secretKey: string }> = DEMO_KEYPAIRS;

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  requests: number;
  p50: number;
  p99: number;
}

function signed(base: string, query: string, who: Who) {
  const url = `${base}/admin/gql`;
  return {
    url,
    headers: signRequestHeaders({ ...KEYPAIRS[who], method: 'POST', url }),
    body: JSON.stringify({ query }),
  };
}

/** Sends `query` once and fails unless it answers a page of `expectedEdges` without errors. */
export async function checkAnswer(
  base: string,
  query: string,
  who: Who,
  expectedEdges: number,
): Promise<void> {
  const { url, headers, body } = signed(base, query, who);
  const response = await request(url, { method: 'POST', headers, body });
  const answer = (await response.body.json()) as { errors?: unknown[] };
  const edges = edgesOf(answer);
  if (response.statusCode !== 200 || answer.errors || edges?.length !== expectedEdges) {
    throw new Error(
      `${url} answered ${response.statusCode} with ${edges?.length ?? 'no'} edges instead of ${expectedEdges}: ${JSON.stringify(answer).slice(0, 500)}`,
    );
  }
}

export async function sendOnce(base: string, query: string, who: Who): Promise<void> {
  const { url, headers, body } = signed(base, query, who);
  const response = await request(url, { method: 'POST', headers, body });
  await response.body.dump();
}

function run(
  url: string,
  headers: Record<string, string>,
  body: string,
  connections: number,
  duration: number,
) {
  return autocannon({ url, method: 'POST', headers, body, connections, duration });
}

/** Loads without measuring, so caches, connections and the JIT are warm when the measured run starts. */
export async function warmUp(base: string, query: string, who: Who, options: LoadOptions): Promise<void> {
  if (options.warmupSeconds <= 0) return;
  const { url, headers, body } = signed(base, query, who);
  await run(url, headers, body, options.connections, options.warmupSeconds);
}

export async function measure(
  base: string,
  query: string,
  who: Who,
  options: LoadOptions,
): Promise<LoadResult> {
  const { url, headers, body } = signed(base, query, who);
  const result = await run(url, headers, body, options.connections, options.durationSeconds);
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return {
    requestsPerSecond: result.requests.total / options.durationSeconds,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}
