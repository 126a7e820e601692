/**
 * The Dockerfile cannot be built here (no Docker engine); what a deployment relies on is checked from
 * its instructions: the process does not run as root, and the container has a health check that probes
 * the gateway's liveness endpoint on the port it listens on.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Instruction {
  keyword: string;
  args: string;
}

/** The instructions of the last build stage, continuation lines joined, comments dropped. */
function finalStage(text: string): Instruction[] {
  const lines = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const instructions = lines.map((line) => {
    const [keyword = '', ...rest] = line.split(/\s+/);
    return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
  });
  const from = instructions.map((instruction) => instruction.keyword).lastIndexOf('FROM');
  return instructions.slice(from);
}

const stage = finalStage(readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8'));
const last = (keyword: string) => stage.filter((instruction) => instruction.keyword === keyword).at(-1);

describe('Dockerfile', () => {
  it('runs the gateway as an unprivileged user', () => {
    const user = last('USER');
    expect(user, 'no USER instruction: the container would run as root').toBeDefined();
    expect(user!.args.split(':')[0]).not.toMatch(/^(root|0)$/);
    // The user is set before the command runs, and not switched back.
    const order = stage.map((instruction) => instruction.keyword);
    expect(order.lastIndexOf('USER')).toBeLessThan(order.lastIndexOf('CMD'));
  });

  it('has a health check probing /healthcheck on the port the gateway listens on', () => {
    const healthcheck = last('HEALTHCHECK');
    expect(healthcheck?.args).toMatch(/\bCMD\b.*process\.env\.PORT.*\/healthcheck/);
    expect(last('ENV')?.args).toMatch(/\bPORT=4000\b/);
    expect(last('EXPOSE')?.args).toBe('4000');
  });

  it('serves the gateway on all interfaces of the container', () => {
    expect(last('ENV')?.args).toMatch(/\bHOST=0\.0\.0\.0\b/);
    expect(last('CMD')?.args).toMatch(/^\["node", (.+, )?"bin\/imagev2-gateway.js", "serve"\]$/);
  });

  it('runs the gateway with the Node options npm start gives it (the heap limit)', () => {
    const start = (
      JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
        scripts: { start: string };
      }
    ).scripts.start;
    const options = start.split(/\s+/).filter((word) => word.startsWith('--'));
    expect(options.length).toBeGreaterThan(0);
    expect(JSON.parse(last('CMD')?.args ?? '[]')).toEqual([
      'node',
      ...options,
      'bin/imagev2-gateway.js',
      'serve',
    ]);
  });
});

describe('finalStage', () => {
  it('joins continuation lines, drops comments and keeps only the last stage', () => {
    const text =
      'FROM a AS build\nUSER root\n# a comment\nFROM b\nHEALTHCHECK --interval=1s \\\n  CMD true\n';
    expect(finalStage(text)).toEqual([
      { keyword: 'FROM', args: 'b' },
      { keyword: 'HEALTHCHECK', args: '--interval=1s CMD true' },
    ]);
  });
});
