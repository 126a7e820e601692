/**
 * Graceful shutdown of the real command (`node bin/imagev2-gateway.js serve`) in a child process, with the
 * embedded sandbox answering slowly so that a request is in flight when the signal comes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_KEYPAIRS, startSandbox } from '../../src/sandbox/index.ts';
import { postGraphQL } from '../support/client.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

interface Served {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `serve` with only the given settings (none inherited), and waits for its URL. */
async function serve(env: Record<string, string>): Promise<Served> {
  const child = spawn(process.execPath, ['bin/imagev2-gateway.js', 'serve'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', SANDBOX_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /GraphQL at (http:\/\/[\d.:]+)\/admin\/gql/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', check);
    exited.then((code) => reject(new Error(`serve exited with ${code} before listening:\n${output}`)));
  });
  return { child, url, output: () => output, exited };
}

const PAGE = '{ imagesV2(first: 2) { count edges { node { id } } } }';
const asSuperadmin = { keypair: DEMO_KEYPAIRS.superadmin };
/** A child's start (tsx compiling the project, the Mesh build) takes seconds, more on a loaded machine. */
const START_UP_BOUND = 120_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('on SIGTERM, serve', () => {
  it(
    'stops accepting, finishes the request in flight and exits 0',
    async () => {
      const served = await serve({ SANDBOX_LATENCY_MS: '700', SHUTDOWN_GRACE_SECONDS: '10' });
      const inFlight = postGraphQL(served.url, PAGE, asSuperadmin);
      await sleep(200);
      served.child.kill('SIGTERM');
      await sleep(150);
      await expect(request(`${served.url}/healthcheck`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      const answer = await inFlight;
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ data: { imagesV2: { count: expect.any(Number) } } });
      expect(await served.exited).toBe(0);
      expect(served.output()).toMatch(/"msg":"SIGTERM received, shutting down"/);
    },
    START_UP_BOUND,
  );

  it(
    'exits 0 once the grace period is over, cutting off a request that outlasts it',
    async () => {
      const sandbox = await startSandbox({ port: 0 });
      try {
        const served = await serve({
          LEGACY_URL: sandbox.url,
          GATEWAY_ACCESS_KEY: sandbox.credentials.superadmin.accessKey,
          GATEWAY_SECRET_KEY: sandbox.credentials.superadmin.secretKey,
          SHUTDOWN_GRACE_SECONDS: '0.5',
        });
        await sandbox.setFault({ kind: 'slow', delayMs: 10_000 });
        const inFlight = postGraphQL(served.url, PAGE, asSuperadmin).then(
          () => 'answered',
          () => 'cut off',
        );
        await sleep(300);
        const signalledAt = performance.now();
        served.child.kill('SIGTERM');
        expect(await served.exited).toBe(0);
        expect(performance.now() - signalledAt).toBeLessThan(5000);
        expect(await inFlight).toBe('cut off');
        expect(served.output()).toMatch(/"msg":"shutdown cut off 1 request\(s\) after the grace period"/);
      } finally {
        await sandbox.close();
      }
    },
    START_UP_BOUND,
  );
});
