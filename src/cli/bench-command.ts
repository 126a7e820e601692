/**
 * `imagev2-gateway bench` (`npm run bench`): runs bench/run.ts in its own process. The benchmark is not
 * part of the gateway (it needs the dev dependencies, and starts gateways of its own), so it is spawned,
 * never imported.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const RUN = fileURLToPath(new URL('../../bench/run.ts', import.meta.url));

export async function runBenchCommand(args: string[]): Promise<number> {
  if (!existsSync(RUN)) {
    console.error('the benchmark (bench/) is not part of this installation; run it from a clone');
    return 1;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', RUN, ...args], { stdio: 'inherit' });
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  return code ?? (signal ? 1 : 0);
}
