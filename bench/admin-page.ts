/**
 * Benchmark: what one page of `adminImagesV2` costs a superadmin over a legacy manager holding 10 000
 * images. The native API lists every row of the images table; the legacy API pages only RBAC-scoped
 * listings, so the gateway reads the whole table for it (src/resolvers/whole-table.ts). This prints, per
 * page: upstream HTTP requests, bytes the gateway read from the manager, and latency (p50/p95 of
 * sequential pages), beside the same field filtered by 50 ids (what the web UI picker asks; read by id), a
 * plain user's page of `containerRegistryImagesV2` (paged by the manager) and
 * the same legacy page read directly, for scale.
 *
 *   npm run bench:admin-page     (BENCH_IMAGES=10000 BENCH_PAGES=20)
 *
 * The sandbox and the gateway run in this process (the sandbox's counters are not on the wire), so the
 * latency includes the sandbox's own work; compare the rows with each other, not with a real manager.
 */
import { fileURLToPath } from 'node:url';
import { signRequestHeaders } from '../src/auth/index.ts';
import { type Stack, startStack } from '../test/support/stack.ts';

export interface AdminPageBenchOptions {
  images: number;
  pages: number;
}

interface Cost {
  label: string;
  requests: number;
  bytes: number;
  p50: number;
  p95: number;
}

const FIELDS =
  '{ count pageInfo { hasNextPage endCursor } edges { cursor node { id identity { canonicalName } metadata { status sizeBytes } } } }';

async function post(url: string, keypair: { accessKey: string; secretKey: string }, query: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: signRequestHeaders({ ...keypair, method: 'POST', url }),
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (!response.ok || body.errors) throw new Error(`${url}: ${JSON.stringify(body).slice(0, 500)}`);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] as number;

/** Upstream requests and bytes per page (the same for every page), and latency over `pages` pages. */
async function measure(
  stack: Stack,
  label: string,
  url: string,
  who: 'superadmin' | 'user',
  query: string,
  pages: number,
): Promise<Cost> {
  const keypair = stack.sandbox.credentials[who];
  await post(url, keypair, query); // warm-up: fills the registry cache, learns nothing else
  stack.sandbox.stats.reset();
  await post(url, keypair, query);
  const { requests, bytesSent } = stack.sandbox.stats;
  const times: number[] = [];
  for (let page = 0; page < pages; page += 1) {
    const start = performance.now();
    await post(url, keypair, query);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { label, requests, bytes: bytesSent, p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** 50 live images of every kind, as the web UI's picker resolves the values it shows selected. */
function pickerIds(stack: Stack): string[] {
  return stack.sandbox.dataset.images
    .filter((image) => image.status === 'ALIVE')
    .filter((_image, index) => index % 37 === 0)
    .slice(0, 50)
    .map((image) => image.id);
}

export async function runAdminPageBench(options: AdminPageBenchOptions): Promise<Cost[]> {
  const stack = await startStack({ sandbox: { images: options.images }, env: { V2_PROFILE: 'release' } });
  try {
    const gateway = `${stack.gateway.url}/admin/gql`;
    const registry = stack.sandbox.dataset.registries.find((r) => r.project === 'stable')!;
    return [
      await measure(
        stack,
        'adminImagesV2(first: 50), superadmin',
        gateway,
        'superadmin',
        `{ adminImagesV2(first: 50) ${FIELDS} }`,
        options.pages,
      ),
      await measure(
        stack,
        'adminImagesV2(filter: 50 ids), superadmin (picker)',
        gateway,
        'superadmin',
        `{ adminImagesV2(filter: { id: { in: ${JSON.stringify(pickerIds(stack))} } }, limit: 100) ${FIELDS} }`,
        options.pages,
      ),
      await measure(
        stack,
        'containerRegistryImagesV2(first: 50), plain user',
        gateway,
        'user',
        `{ containerRegistryImagesV2(scope: { registryId: "${registry.id}" }, first: 50) ${FIELDS} }`,
        options.pages,
      ),
      await measure(
        stack,
        'image_nodes(first: 50) straight from the manager',
        `${stack.sandbox.url}/admin/gql`,
        'superadmin',
        '{ image_nodes(scope_id: "system", first: 50, order: "-created_at", filter_by_statuses: [ALIVE, DELETED]) { count edges { node { row_id namespace registry tag architecture status size_bytes } } } }',
        options.pages,
      ),
    ];
  } finally {
    await stack.close();
  }
}

export function formatCosts(images: number, costs: Cost[]): string {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  return [
    `one page of 50 over ${images} images (sequential pages, in-process sandbox)`,
    ...costs.map(
      (cost) =>
        `  ${cost.label.padEnd(52)} upstream requests ${cost.requests}, read ${kib(cost.bytes).padStart(9)}, p50 ${cost.p50.toFixed(0)} ms, p95 ${cost.p95.toFixed(0)} ms`,
    ),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  const options = { images: number('BENCH_IMAGES', 10_000), pages: number('BENCH_PAGES', 20) };
  console.log(formatCosts(options.images, await runAdminPageBench(options)));
}
