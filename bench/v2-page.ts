/**
 * Benchmark: a page of 50 ImageV2 through the gateway against the same page read straight from the
 * legacy manager (the sandbox with 10 000 images), in the same run on the same machine. Prints requests/s
 * of both and their ratio, the latency each adds at p50, and how many upstream requests one page costs.
 *
 *   npm run bench            (or: imagev2-gateway bench --duration 10 --connections 10 --images 10000)
 *
 * The sandbox and the gateway run as their own processes, as in production; the load comes from this one.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { signRequestHeaders } from '../src/auth/index.ts';
import { startStack } from '../test/support/stack.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SUPERADMIN = {
  accessKey: 'AKIAIOSFODNN7EXAMPLE',
  secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

const LEGACY_FIELDS =
  'row_id namespace project registry tag architecture digest labels { key value } size_bytes status resource_limits { key min max } supported_accelerators aliases';
const DIRECT_QUERY = `{ image_nodes(scope_id: "system", first: 50, order: "-created_at") { count pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { ${LEGACY_FIELDS} } } } }`;
const V2_QUERY = `{ imagesV2(first: 50) { count pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node {
  id registryId identity { canonicalName namespace architecture }
  metadata { tags { key value } labels { key value } digest sizeBytes status createdAt }
  requirements { resourceLimits { key min max } supportedAccelerators } } } } }`;

export interface BenchOptions {
  durationSeconds: number;
  connections: number;
  images: number;
}

function start(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [`${ROOT}bin/imagev2-gateway.js`, ...args], {
    env: { ...process.env, ...env },
    // stdout is not read: a pipe nobody drains would block the gateway's log writes (synchronous on Linux)
    // once full. Discarding the lines keeps their cost in the measure.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not come up`);
}

async function load(base: string, query: string, options: BenchOptions) {
  const url = `${base}/admin/gql`;
  const headers = signRequestHeaders({ ...SUPERADMIN, method: 'POST', url });
  const body = JSON.stringify({ query });
  // Warm-up, then the measured run.
  await autocannon({ url, method: 'POST', headers, body, connections: options.connections, duration: 2 });
  const result = await autocannon({
    url,
    method: 'POST',
    headers,
    body,
    connections: options.connections,
    duration: options.durationSeconds,
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

/** Upstream requests for one page, counted by an in-process sandbox (its counters are not on the wire). */
async function upstreamRequestsPerPage(images: number): Promise<number> {
  const stack = await startStack({ sandbox: { images } });
  try {
    const url = `${stack.gateway.url}/admin/gql`;
    const ask = () =>
      fetch(url, {
        method: 'POST',
        headers: signRequestHeaders({ ...SUPERADMIN, method: 'POST', url }),
        body: JSON.stringify({ query: V2_QUERY }),
      });
    await ask(); // the first page also fills the registry id cache
    stack.sandbox.stats.reset();
    await ask();
    return stack.sandbox.stats.requests;
  } finally {
    await stack.close();
  }
}

export async function runBench(options: BenchOptions): Promise<void> {
  const sandboxPort = '18091';
  const gatewayPort = '14000';
  const sandbox = start(['sandbox'], { SANDBOX_PORT: sandboxPort, SANDBOX_IMAGES: String(options.images) });
  let gateway: ChildProcess | null = null;
  try {
    await waitFor(`http://127.0.0.1:${sandboxPort}/`);
    gateway = start(['serve'], {
      PORT: gatewayPort,
      LEGACY_URL: `http://127.0.0.1:${sandboxPort}`,
      GATEWAY_ACCESS_KEY: SUPERADMIN.accessKey,
      GATEWAY_SECRET_KEY: SUPERADMIN.secretKey,
    });
    await waitFor(`http://127.0.0.1:${gatewayPort}/readiness`);
    const direct = await load(`http://127.0.0.1:${sandboxPort}`, DIRECT_QUERY, options);
    const viaGateway = await load(`http://127.0.0.1:${gatewayPort}`, V2_QUERY, options);
    const perPage = await upstreamRequestsPerPage(options.images);
    const ratio = viaGateway.requestsPerSecond / direct.requestsPerSecond;
    console.log(
      [
        `page of 50 of ${options.images} images, ${options.connections} connections, ${options.durationSeconds}s each`,
        `  direct legacy page : ${direct.requestsPerSecond.toFixed(0)} req/s, p50 ${direct.p50} ms, p99 ${direct.p99} ms`,
        `  ImageV2 via gateway: ${viaGateway.requestsPerSecond.toFixed(0)} req/s, p50 ${viaGateway.p50} ms, p99 ${viaGateway.p99} ms`,
        `  ratio (gateway / direct): ${ratio.toFixed(2)}x   (target 0.60x or more)`,
        `  added at p50: ${(viaGateway.p50 - direct.p50).toFixed(1)} ms   (target 2 ms or less)`,
        `  upstream requests per page: ${perPage}   (target 1)`,
      ].join('\n'),
    );
  } finally {
    for (const child of [gateway, sandbox]) {
      if (!child || child.exitCode !== null) continue;
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  await runBench({
    durationSeconds: number('BENCH_DURATION', 10),
    connections: number('BENCH_CONNECTIONS', 10),
    images: number('BENCH_IMAGES', 10_000),
  });
}
