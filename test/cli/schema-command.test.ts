/**
 * `imagev2-gateway schema print|diff` as CI runs it: exit codes, reports, schemas read from files and from
 * real servers on loopback (signed like any client), and the shipped allow-lists.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { referenceFile } from '../support/reference.ts';
import { type Stack, startStack } from '../support/stack.ts';

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command as the bin does, capturing what it writes and the exit code it sets. */
async function cli(...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  const error = vi.spyOn(console, 'error').mockImplementation((...parts) => {
    stderr += `${parts.join(' ')}\n`;
  });
  process.exitCode = undefined;
  try {
    await main(args);
    return { code: Number(process.exitCode ?? 0), stdout, stderr };
  } finally {
    process.exitCode = undefined;
    out.mockRestore();
    err.mockRestore();
    error.mockRestore();
  }
}

const dir = mkdtempSync(path.join(tmpdir(), 'schema-command-'));
function file(name: string, text: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, text);
  return target;
}

/** A reference for the ImageV2 metadata of the bep-1038 profile, as an image type file would give it. */
const METADATA_REFERENCE = /* GraphQL */ `
  type ImageMetadataInfo {
    tags: [ImageTagEntry!]!
    labels: [ImageLabelEntry!]!
    digest: String
    sizeBytes: BigInt!
    status: ImageStatus!
    createdAt: DateTime
  }
  type ImageTagEntry { key: String! value: String! }
  type ImageLabelEntry { key: String! value: String! }
  enum ImageStatus { ALIVE DELETED }
  enum ImagePermission { READ_ATTRIBUTE UPDATE_ATTRIBUTE CREATE_CONTAINER FORGET_IMAGE }
  scalar BigInt
  scalar DateTime
`;
const EMPTY_ALLOW_LIST = file('empty.yaml', 'allow: []\n');

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

describe('schema diff with a URL target (a real gateway on loopback)', () => {
  it('exits 0 and reports no change when the reference matches what the gateway serves', async () => {
    const reference = file('metadata.graphql', METADATA_REFERENCE);
    const run = await cli(
      'schema',
      'diff',
      '--schema',
      stack.gateway.url,
      '--against',
      reference,
      '--allow',
      EMPTY_ALLOW_LIST,
      '--json',
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: true,
      breaking: [],
      dangerous: [],
      safe: [],
      schema: stack.gateway.url,
    });
  });

  it('exits 1 on a planted breaking change: a field the reference has and the gateway does not serve', async () => {
    const reference = file(
      'planted.graphql',
      METADATA_REFERENCE.replace('createdAt: DateTime', 'createdAt: DateTime\n    checksum: String'),
    );
    const run = await cli(
      'schema',
      'diff',
      '--schema',
      stack.gateway.url,
      '--against',
      reference,
      '--allow',
      EMPTY_ALLOW_LIST,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('BREAKING (1):\n  FIELD_REMOVED ImageMetadataInfo.checksum:');
    expect(run.stdout).toMatch(/FAILED: 1 breaking change not in the allow-list\n$/);
  });

  it('exits 0 once an allow-list names that change, and prints its reason', async () => {
    const reference = file(
      'planted.graphql',
      METADATA_REFERENCE.replace('createdAt: DateTime', 'createdAt: DateTime\n    checksum: String'),
    );
    const allow = file(
      'allow.yaml',
      'allow:\n  - change: FIELD_REMOVED\n    path: ImageMetadataInfo.checksum\n    reason: not kept by legacy managers\n',
    );
    const run = await cli(
      'schema',
      'diff',
      '--schema',
      stack.gateway.url,
      '--against',
      reference,
      '--allow',
      allow,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('allowed: not kept by legacy managers');
  });

  it('exits 0 on a dangerous change and lists it as dangerous', async () => {
    const reference = file('dangerous.graphql', METADATA_REFERENCE.replace(' FORGET_IMAGE }', ' }'));
    const run = await cli(
      'schema',
      'diff',
      '--schema',
      stack.gateway.url,
      '--against',
      reference,
      '--allow',
      EMPTY_ALLOW_LIST,
      '--json',
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).dangerous).toEqual([
      expect.objectContaining({ type: 'ENUM_VALUE_ADDED', path: 'ImagePermission.FORGET_IMAGE' }),
    ]);
  });
});

describe('schema diff against a manager URL, signed like any client', () => {
  it('finds the legacy API the gateway serves unchanged from the manager', async () => {
    const run = await cli(
      'schema',
      'diff',
      '--schema',
      stack.gateway.url,
      '--against',
      stack.sandbox.url,
      '--allow',
      EMPTY_ALLOW_LIST,
      '--json',
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, breaking: [], dangerous: [] });
  });

  it('exits 2 with the reason when the manager refuses the signature', async () => {
    const run = await cli(
      'schema',
      'diff',
      '--schema',
      stack.gateway.url,
      '--against',
      stack.sandbox.url,
      '--secret-key',
      'wrong',
      '--allow',
      EMPTY_ALLOW_LIST,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/schema diff: .*\/admin\/gql refused introspection \(HTTP 401\)/);
    expect(run.stdout).toBe('');
  });
});

describe('schema diff refuses bad usage with exit 2', () => {
  const reference = file('ok.graphql', METADATA_REFERENCE);
  it.each([
    ['no --against', ['schema', 'diff'], /required option '--against/],
    [
      'an unknown profile',
      ['schema', 'diff', '--against', reference, '--profile', 'v3'],
      /--profile must be one of bep-1038, release, got "v3"/,
    ],
    [
      'an unknown scope',
      ['schema', 'diff', '--against', reference, '--scope', 'all'],
      /--scope must be one of reference, full/,
    ],
    [
      'a missing reference file',
      ['schema', 'diff', '--against', path.join(dir, 'none.graphql')],
      /cannot read .*none\.graphql: ENOENT/,
    ],
    [
      'a missing allow-list',
      ['schema', 'diff', '--against', reference, '--allow', path.join(dir, 'none.yaml')],
      /cannot read the allow-list/,
    ],
    [
      'an allow-list entry without a reason',
      [
        'schema',
        'diff',
        '--against',
        reference,
        '--allow',
        file('bad.yaml', 'allow:\n  - change: FIELD_REMOVED\n    path: A.b\n'),
      ],
      /entry 1 needs a non-empty reason/,
    ],
    [
      'a reference of operations',
      ['schema', 'diff', '--schema', reference, '--against', file('ops.graphql', '{ imagesV2 { count } }')],
      /cannot compare: it holds GraphQL operations/,
    ],
    [
      'an unreachable URL',
      ['schema', 'diff', '--schema', reference, '--against', 'http://127.0.0.1:1'],
      /cannot reach http:\/\/127\.0\.0\.1:1\/admin\/gql/,
    ],
    [
      'an unknown option',
      ['schema', 'diff', '--against', reference, '--frobnicate'],
      /unknown option '--frobnicate'/,
    ],
  ])('%s', async (_name, args, message) => {
    const run = await cli(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

describe('the shipped allow-lists against the seed types (the served schema, as CI runs it)', () => {
  it.each(['bep-1038', 'release'])('the %s profile shows only allow-listed deviations', async (profile) => {
    const run = await cli(
      'schema',
      'diff',
      '--profile',
      profile,
      '--against',
      'schema/bep-1038-seed-types.graphql',
      '--json',
    );
    const report = JSON.parse(run.stdout);
    expect(report.breaking).toEqual([]);
    expect(report.allowed.map((change: { path: string }) => change.path)).toContain(
      profile === 'release' ? 'ImageV2.registry' : 'ImageMetadataInfo.sizeBytes',
    );
    expect(run.code).toBe(0);
  });
});

describe('schema print', () => {
  it('prints the ImageV2 subgraph with --federation, which composes', async () => {
    const run = await cli('schema', 'print', '--profile', 'release', '--federation');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('type ImageV2 implements Node @key(fields: "id")');
    expect(run.stdout).toContain('adminImagesV2(');
    expect(run.stdout).not.toContain('image_nodes');
    const composed = composeServices([
      { name: 'imagev2', typeDefs: parse(run.stdout), url: 'http://gateway/admin/gql' },
    ]);
    expect(composed.errors ?? []).toEqual([]);
  });

  it('prints the whole served schema, and nothing but the schema, on stdout', async () => {
    const run = await cli('schema', 'print');
    expect(run.code).toBe(0);
    expect(() => parse(run.stdout)).not.toThrow();
    expect(run.stdout).toContain('image_nodes(');
    expect(run.stdout).toContain('imagesV2(');
  });
});

// Where the reference schemas are at hand: each profile against its released reference, with its allow-list.
const CASES = [
  ['bep-1038', 'v2-image-types-first.graphql'],
  ['release', 'v2-image-types-head.graphql'],
] as const;

describe.each(CASES)('the %s profile against %s', (profile, name) => {
  const reference = referenceFile(name);
  it.skipIf(!reference)('shows only allow-listed deviations, the BigInt sizeBytes among them', async () => {
    const served = await startStack({ env: { V2_PROFILE: profile } });
    try {
      const run = await cli(
        'schema',
        'diff',
        '--profile',
        profile,
        '--schema',
        served.gateway.url,
        '--against',
        reference!,
        '--json',
      );
      const report = JSON.parse(run.stdout);
      expect(report.breaking).toEqual([]);
      expect(report.allowed).toContainEqual(
        expect.objectContaining({
          type: 'FIELD_TYPE_CHANGED',
          path: expect.stringMatching(/MetadataInfo\.sizeBytes$/),
        }),
      );
      expect(run.code).toBe(0);
    } finally {
      await served.close();
    }
  });
});
