/**
 * `imagev2-gateway bench` as a user runs it: it hands its arguments to bench/run.ts in a process of its
 * own, and a bad argument is refused with the usage and exit code 2 before any sandbox or gateway starts.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/imagev2-gateway.js', import.meta.url));

function bench(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, 'bench', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('imagev2-gateway bench', () => {
  it.each([
    [['--duration', '0'], /--duration must be a positive number of seconds/],
    [['--warmup=-1'], /--warmup zero or more/],
    [['--scenario', 'nowhere'], /--scenario must be one of base, latency-20ms, images-10000/],
    [['--colour'], /Unknown option '--colour'[\s\S]*usage: npm run bench/],
  ])('refuses %j with exit code 2', (args, message) => {
    const { code, stdout, stderr } = bench(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
  });
});
