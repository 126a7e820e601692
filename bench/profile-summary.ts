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
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1] as string;
  const own = /\/(src\/[^/]+|transforms|bench)\//.exec(url);
  if (own) return own[1] as string;
  if (url.startsWith('node:')) return 'node (built-ins)';
  if (url === '') return `(native) ${functionName || '(anonymous)'}`;
  return /^\d+$/.test(url) || url.startsWith('evalmachine') ? '(generated code)' : url;
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
  const rows = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => `${((micros / total) * 100).toFixed(1).padStart(5)}%  ${name}`);
  return [
    `busy ${(total / 1000).toFixed(0)} ms`,
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
