/**
 * The bench's scenarios and rows. A scenario is one sandbox (its size, its added latency) and the load's
 * concurrency; in each, every row is loaded in turn against the same upstream: the direct legacy page
 * first and last (their mean is what the other rows are compared with, so a machine that slows down
 * during the run skews both sides alike), then the same page through the gateway and the ImageV2 pages.
 *
 * Each row asks as the caller it is for. A plain user's ImageV2 page is one legacy page; a superadmin's
 * `adminImagesV2` lists the whole images table, as the native API does, which the legacy API only gives
 * unpaginated (src/resolvers/whole-table.ts), so those rows cost several upstream requests by design,
 * except where the filter names the images (`adminImagesV2-ids`, as the web UI's picker asks).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signRequestHeaders } from '../src/auth/index.ts';
import { BenchProcess, type ProcessUsage, ROOT, type UpstreamStats } from './ipc.ts';
import { checkAnswer, KEYPAIRS, type LoadOptions, measure, sendOnce, type Who, warmUp } from './load.ts';
import {
  BEP_1038_PAGE,
  DIRECT_FILTERED_PAGE,
  LEGACY_PAGE,
  PICKABLE_IMAGES,
  REGISTRY_LIST,
  RELEASE_FILTERED_PAGE,
  RELEASE_PAGE,
  releasePickedPage,
  releaseRegistryPage,
} from './queries.ts';

export interface Scenario {
  name: string;
  images: number;
  connections: number;
  latencyMs: number;
}

export const SCENARIOS: Scenario[] = [
  { name: 'base', images: 1_000, connections: 10, latencyMs: 0 },
  { name: 'latency-20ms', images: 1_000, connections: 32, latencyMs: 20 },
  { name: 'images-10000', images: 10_000, connections: 10, latencyMs: 0 },
];

type Target = 'sandbox' | 'bep-1038' | 'release';

interface RowSpec {
  name: string;
  target: Target;
  who: Who;
  query: string;
  /** The direct row this one is compared with. */
  comparedWith: 'direct' | 'direct-filtered';
}

/** The registry whose images the `containerRegistryImagesV2` row lists (the sandbox's largest). */
const LISTED_REGISTRY = { registry: 'cr.backend.ai', project: 'stable' };

/** What the rows need from the sandbox: a registry to list, and images to pick. */
interface RowInputs {
  registryId: string;
  pickedIds: string[];
}

function rows({ registryId, pickedIds }: RowInputs): RowSpec[] {
  return [
    { name: 'direct', target: 'sandbox', who: 'user', query: LEGACY_PAGE, comparedWith: 'direct' },
    {
      name: 'direct-filtered',
      target: 'sandbox',
      who: 'superadmin',
      query: DIRECT_FILTERED_PAGE,
      comparedWith: 'direct-filtered',
    },
    { name: 'pass-through', target: 'bep-1038', who: 'user', query: LEGACY_PAGE, comparedWith: 'direct' },
    { name: 'imagesV2', target: 'bep-1038', who: 'user', query: BEP_1038_PAGE, comparedWith: 'direct' },
    {
      name: 'containerRegistryImagesV2',
      target: 'release',
      who: 'user',
      query: releaseRegistryPage(registryId),
      comparedWith: 'direct',
    },
    {
      name: 'adminImagesV2',
      target: 'release',
      who: 'superadmin',
      query: RELEASE_PAGE,
      comparedWith: 'direct',
    },
    {
      name: 'adminImagesV2-filtered',
      target: 'release',
      who: 'superadmin',
      query: RELEASE_FILTERED_PAGE,
      comparedWith: 'direct-filtered',
    },
    {
      name: 'adminImagesV2-ids',
      target: 'release',
      who: 'superadmin',
      query: releasePickedPage(pickedIds),
      comparedWith: 'direct',
    },
  ];
}

/** Asks the sandbox directly, as its demo superadmin. */
async function askSandbox<T>(sandbox: BenchProcess, query: string): Promise<T> {
  const url = `${sandbox.url}/admin/gql`;
  const response = await fetch(url, {
    method: 'POST',
    headers: signRequestHeaders({ ...KEYPAIRS.superadmin, method: 'POST', url }),
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as T;
}

/** 50 images spread over the superadmin's listing, as an image picker shows some of them selected. */
async function pickedIds(sandbox: BenchProcess): Promise<string[]> {
  const answer = await askSandbox<{ data?: { image_nodes?: { edges: { node: { row_id: string } }[] } } }>(
    sandbox,
    PICKABLE_IMAGES,
  );
  const ids = (answer.data?.image_nodes?.edges ?? []).map(({ node }) => node.row_id);
  const picked = ids.filter((_id, index) => index % 4 === 0).slice(0, 50);
  if (picked.length < 50) throw new Error(`the sandbox lists ${ids.length} images, too few to pick 50`);
  return picked;
}

/** The id of the registry the `containerRegistryImagesV2` row lists, read from the sandbox itself. */
async function listedRegistryId(sandbox: BenchProcess): Promise<string> {
  const answer = await askSandbox<{
    data?: {
      container_registry_nodes?: {
        edges: { node: { row_id: string; registry_name: string; project: string } }[];
      };
    };
  }>(sandbox, REGISTRY_LIST);
  const row = answer.data?.container_registry_nodes?.edges.find(
    ({ node }) => node.registry_name === LISTED_REGISTRY.registry && node.project === LISTED_REGISTRY.project,
  );
  if (!row)
    throw new Error(`the sandbox has no registry ${LISTED_REGISTRY.registry}/${LISTED_REGISTRY.project}`);
  return row.node.row_id;
}

export interface RowResult {
  scenario: string;
  row: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Requests per second over the direct row's (the mean of its two runs). */
  ratioToDirect: number;
  comparedWith: string;
  /** CPU time of the process serving the row (the gateway; the sandbox for direct rows) per request. */
  cpuMsPerRequest: number;
  /** CPU time of the sandbox per request, for what the upstream costs beside it. */
  upstreamCpuMsPerRequest: number;
  /** Peak resident memory of the serving process, in MiB. */
  peakRssMiB: number;
  /** Upstream HTTP requests per page, counted by the sandbox over sequential pages. */
  upstreamRequestsPerPage: number;
}

export interface BenchOptions {
  durationSeconds: number;
  warmupSeconds: number;
  /** Where to write a CPU profile of each measured run, when profiles are wanted. */
  profileDir: string | null;
}

/** The Node options `npm start` gives the gateway (package.json), so the bench measures it as it runs. */
export function startNodeOptions(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const words = scripts.start.split(/\s+/);
  return words
    .slice(
      1,
      words.findIndex((word) => word.endsWith('.js')),
    )
    .filter((word) => word.startsWith('--'));
}

const cpuMs = (before: ProcessUsage, after: ProcessUsage) => (after.cpuMicros - before.cpuMicros) / 1000;

/** Waits until the sandbox has had no request for a while: the calls of a finished run are all in. */
async function quiet(sandbox: BenchProcess): Promise<void> {
  let last = -1;
  for (let tries = 0; tries < 50; tries++) {
    const { requests } = await sandbox.ask<UpstreamStats>('stats');
    if (requests === last) return;
    last = requests;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function upstreamPerPage(sandbox: BenchProcess, base: string, spec: RowSpec): Promise<number> {
  const pages = 3;
  await quiet(sandbox);
  await sandbox.ask('reset-stats');
  for (let i = 0; i < pages; i++) await sendOnce(base, spec.query, spec.who);
  const stats = await sandbox.ask<UpstreamStats>('stats');
  return stats.requests / pages;
}

export async function runScenario(scenario: Scenario, options: BenchOptions): Promise<RowResult[]> {
  const sandbox = await BenchProcess.start('sandbox-process.ts', {
    BENCH_SANDBOX: JSON.stringify({ images: scenario.images, latencyMs: scenario.latencyMs }),
  });
  const gatewayEnv = (profile: string) => ({
    PORT: '0',
    LEGACY_URL: sandbox.url,
    GATEWAY_ACCESS_KEY: KEYPAIRS.superadmin.accessKey,
    GATEWAY_SECRET_KEY: KEYPAIRS.superadmin.secretKey,
    V2_PROFILE: profile,
  });
  const gateways: Partial<Record<Target, BenchProcess>> = {};
  try {
    const nodeOptions = startNodeOptions();
    const [bep, release] = await Promise.all([
      BenchProcess.start('gateway-process.ts', gatewayEnv('bep-1038'), nodeOptions),
      BenchProcess.start('gateway-process.ts', gatewayEnv('release'), nodeOptions),
    ]);
    gateways['bep-1038'] = bep;
    gateways.release = release;
    const processOf = (target: Target) =>
      target === 'sandbox' ? sandbox : (gateways[target] as BenchProcess);
    const load: LoadOptions = {
      connections: scenario.connections,
      durationSeconds: options.durationSeconds,
      warmupSeconds: options.warmupSeconds,
    };
    const runRow = async (spec: RowSpec) => {
      const server = processOf(spec.target);
      await checkAnswer(server.url, spec.query, spec.who, 50);
      await warmUp(server.url, spec.query, spec.who, load);
      const [serverBefore, sandboxBefore] = await Promise.all([
        server.ask<ProcessUsage>('usage'),
        sandbox.ask<ProcessUsage>('usage'),
      ]);
      if (options.profileDir) await server.ask('profile-start');
      const result = await measure(server.url, spec.query, spec.who, load);
      if (options.profileDir)
        await server.ask(
          'profile-stop',
          join(options.profileDir, `${scenario.name}-${spec.name}.cpuprofile`),
        );
      const [serverAfter, sandboxAfter] = await Promise.all([
        server.ask<ProcessUsage>('usage'),
        sandbox.ask<ProcessUsage>('usage'),
      ]);
      return {
        spec,
        result,
        cpuMsPerRequest: cpuMs(serverBefore, serverAfter) / result.requests,
        upstreamCpuMsPerRequest: cpuMs(sandboxBefore, sandboxAfter) / result.requests,
        peakRssMiB: serverAfter.maxRss / 2 ** 20,
        upstreamRequestsPerPage:
          spec.target === 'sandbox' ? 1 : await upstreamPerPage(sandbox, server.url, spec),
      };
    };
    const specs = rows({ registryId: await listedRegistryId(sandbox), pickedIds: await pickedIds(sandbox) });
    const measured: Awaited<ReturnType<typeof runRow>>[] = [];
    for (const spec of specs) measured.push(await runRow(spec));
    // The direct rows again, last: the gateway rows are compared with the mean of both runs.
    const again = [await runRow(specs[0] as RowSpec), await runRow(specs[1] as RowSpec)];
    const directRate = (name: string) => {
      const runs = [...measured, ...again].filter((run) => run.spec.name === name);
      return runs.reduce((sum, run) => sum + run.result.requestsPerSecond, 0) / runs.length;
    };
    return measured.map((run) => ({
      scenario: scenario.name,
      row: run.spec.name,
      requestsPerSecond:
        run.spec.target === 'sandbox' ? directRate(run.spec.name) : run.result.requestsPerSecond,
      p50Ms: run.result.p50,
      p99Ms: run.result.p99,
      ratioToDirect:
        (run.spec.target === 'sandbox' ? directRate(run.spec.name) : run.result.requestsPerSecond) /
        directRate(run.spec.comparedWith),
      comparedWith: run.spec.comparedWith,
      cpuMsPerRequest: run.cpuMsPerRequest,
      upstreamCpuMsPerRequest: run.upstreamCpuMsPerRequest,
      peakRssMiB: run.peakRssMiB,
      upstreamRequestsPerPage: run.upstreamRequestsPerPage,
    }));
  } finally {
    await Promise.all(Object.values(gateways).map((gateway) => gateway?.stop()));
    await sandbox.stop();
  }
}
