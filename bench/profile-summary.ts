/**
 * Summarises a `.cpuprofile` (from `npm run bench -- --cpu-prof <dir>`): the functions with the most self
 * time, and self time by package, so a profile can be read without a debugger.
 *
 *   node --import tsx bench/profile-summary.ts <file.cpuprofile> [top]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * `node_modules/@scope/name` or `node_modules/name`, the project's own folder, Node's built-ins, or for
 * native code (no file) the native function itself: socket writes, JSON, the garbage collector.
 */
export function packageOf(url: string, functionName: string): string {
  // The innermost package: a nested copy (`@graphql-mesh/runtime/node_modules/@graphql-tools/executor`)
  // is the nested package's code.
  const packages = [...url.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)];
  const innermost = packages.at(-1);
  if (innermost) return innermost[1] as string;
  const own = /\/(src\/[^/]+|transforms|bench)\//.exec(url);
  if (own) return own[1] as string;
  if (url.startsWith('node:')) return 'node (built-ins)';
  if (url === '') return `(native) ${functionName || '(anonymous)'}`;
  return /^\d+$/.test(url) || url.startsWith('evalmachine') ? '(generated code)' : url;
}

/** The stage of serving a request that a package's code belongs to. */
const STAGES: [stage: string, test: RegExp][] = [
  ['answer to JSON', /^graphql-yoga:jsonStringifyResultWithoutInternals$/],
  [
    'upstream call (request, fetch, plugins, JSON.parse of the answer)',
    /^(@graphql-tools\/(executor-http|batch-execute|url-loader|executor-common)|@whatwg-node\/node-fetch|@graphql-mesh\/(graphql|utils|string-interpolation)|@graphql-hive\/signal|dataloader|src\/gateway|src\/trust|node:_http_client|node:_http_agent|undici):/,
  ],
  [
    'execution (compiled query, resolvers, mapping, Mesh delegation)',
    /^(graphql-jit|\(generated code\)|src\/(image|resolvers|relay|filters|errors)|transforms|@graphql-tools\/(executor|delegate|stitch|wrap|batch-delegate|schema)):/,
  ],
  [
    'HTTP server, Yoga and envelop',
    /^(graphql-yoga|@whatwg-node\/(server|fetch)|@envelop\/[^:]+|@graphql-mesh\/runtime|node:_http_(server|incoming|common|outgoing)):/,
  ],
];

/** The file (package, project folder or Node module) a frame belongs to, as `<where>:<function>`. */
function whereOf(frame: ProfileNode['callFrame']): string {
  if (frame.url.startsWith('node:'))
    return `${frame.url.replace(/^node:internal\//, 'node:')}:${frame.functionName}`;
  return `${packageOf(frame.url, frame.functionName)}:${frame.functionName}`;
}

/**
 * Busy time by stage of serving a request. A sample in native code, Node internals or a library every
 * stage uses (graphql, graphql-tools' utils, promise helpers) counts for its nearest caller that belongs
 * to a stage (JSON.parse for the upstream call that parses, print for whoever prints); socket
 * writes and the garbage collector are stages of their own. Under CPU contention a socket write's share
 * is mostly time the process was switched away inside the write, not CPU.
 */
export function byStage(profile: Profile): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stages = new Map<string, number>();
  const inProfiler = (id: number) => {
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      if ((byId.get(current) as ProfileNode).callFrame.url === 'node:inspector') return true;
    }
    return false;
  };
  profile.samples.forEach((id, index) => {
    const leaf = (byId.get(id) as ProfileNode).callFrame;
    // Idle time, and the profiler's own work when it is stopped, are not the gateway's.
    if (leaf.functionName === '(idle)' || inProfiler(id)) return;
    let stage = 'other';
    if (leaf.functionName === '(garbage collector)') stage = 'garbage collection';
    else if (/^(writev|writeUtf8String|writeBuffer|writeLatin1String)$/.test(leaf.functionName))
      stage = 'socket writes (wall time)';
    else {
      for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
        const where = whereOf((byId.get(current) as ProfileNode).callFrame);
        const match = STAGES.find(([, test]) => test.test(where));
        if (match) {
          stage = match[0];
          break;
        }
      }
    }
    stages.set(stage, (stages.get(stage) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  return stages;
}

export function summarise(profile: Profile, top = 25): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  for (const [id, micros] of selfMicros) {
    const frame = (byId.get(id) as ProfileNode).callFrame;
    if (frame.functionName === '(idle)') continue;
    total += micros;
    const file = frame.url
      .replace(/^.*node_modules\//, '')
      .replace(/^file:\/\/.*?\/(src|transforms|bench)\//, '$1/');
    const name = `${frame.functionName || '(anonymous)'}  ${file}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    const pkg = packageOf(frame.url, frame.functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
  }
  const rows = (map: Map<string, number>, of = total) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => `${((micros / of) * 100).toFixed(1).padStart(5)}%  ${name}`);
  const stages = byStage(profile);
  const staged = [...stages.values()].reduce((sum, micros) => sum + micros, 0);
  return [
    `busy ${(total / 1000).toFixed(0)} ms`,
    `busy time by stage (${(staged / 1000).toFixed(0)} ms without the profiler itself):`,
    ...rows(stages, staged),
    '',
    'self time by package:',
    ...rows(byPackage),
    '',
    'self time by function:',
    ...rows(byFunction),
  ].join('\n');
}

if (process.argv[1]?.endsWith('profile-summary.ts')) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: profile-summary.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  console.log(summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(top ?? 25)));
}
