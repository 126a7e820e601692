/**
 * The drop-in promise, checked the way a release engineer checks it: `compare` between a manager and the
 * gateway in front of it, over legacy operations of the kind the web UI sends, finds nothing that differs.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCompareCommand } from '../../src/cli/compare-command.ts';
import type { CompareReport } from '../../src/compare/index.ts';
import { type Stack, startStack } from '../support/stack.ts';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

describe('compare between the manager and the gateway in front of it', () => {
  it.each(['superadmin', 'user'] as const)(
    'finds no mismatch in the legacy operations, as the %s',
    async (who) => {
      const dir = mkdtempSync(join(tmpdir(), 'drop-in-'));
      const lines: string[] = [];
      const status = await runCompareCommand(
        {
          control: `${stack.sandbox.url}/admin/gql`,
          candidate: `${stack.gateway.url}/admin/gql`,
          operations: fixture('legacy-image-operations.graphql'),
          variables: fixture('legacy-image-operations.variables.json'),
          ...stack.sandbox.credentials[who],
          json: join(dir, 'report.json'),
          timeout: '30000',
        },
        { out: (line) => lines.push(line), err: process.stderr },
      );
      const report: CompareReport = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
      expect(report.paths.filter((path) => path.mismatched > 0)).toEqual([]);
      expect(report.mismatches).toBe(0);
      expect(report.noisy).toBe(0);
      expect(status).toBe(0);
      expect(lines.at(-1)).toBe('nothing unexpected differs');
      // Not vacuous: every operation ran and answered with data on both sides.
      expect(report.operations).toBe(7);
      expect(report.paths.find((path) => path.path === '(status)')?.matched).toBe(7);
      // The user may not list registries: both sides refuse it alike, and that is compared too.
      const errors = report.paths.filter((path) => path.path.startsWith('errors['));
      expect(errors.map((path) => path.path)).toEqual(
        who === 'user'
          ? ['errors[container_registry_nodes].code', 'errors[container_registry_nodes].message']
          : [],
      );
      expect(report.matched).toBeGreaterThan(1000);
      const list = report.paths.find((path) => path.path === 'image_nodes.edges[].node.digest');
      expect(list?.matched).toBeGreaterThan(10);
    },
  );
});
