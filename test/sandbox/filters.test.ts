/** `image_nodes(filter:, order:)` over real HTTP: what each expression selects, and how bad ones are refused. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, type SandboxImage, startSandbox } from '../../src/sandbox/index.ts';
import { systemScopeOf } from '../support/visibility.ts';
import { data, errorOf, sandboxesClosedAfterEach } from './helpers.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, images: 80 });
});
afterAll(() => sandbox.close());

const QUERY = `query ($filter: String, $order: String) {
  image_nodes(scope_id: "system", first: 500, filter: $filter, order: $order, filter_by_statuses: [ALIVE, DELETED]) {
    count edges { node { row_id } }
  }
}`;
type Result = { image_nodes: { count: number; edges: { node: { row_id: string } }[] } };

const rowIds = async (variables: Record<string, unknown>, on = sandbox) =>
  (await data<Result>(on, QUERY, 'superadmin', variables)).image_nodes.edges.map((edge) => edge.node.row_id);

/** Everything the superadmin sees in the system scope, any status. */
const inScope = (on: Sandbox) => systemScopeOf(on.dataset, on.credentials.superadmin.userId);

describe('filter', () => {
  const sample = () => inScope(sandbox).find((image) => image.project === 'stable' && image.accelerators)!;

  it.each<[string, (image: SandboxImage) => boolean]>([
    ['name ilike "%PYTHON%"', (i) => i.name.toLowerCase().includes('python')],
    ['name like "cr.backend.ai/stable/%"', (i) => i.name.startsWith('cr.backend.ai/stable/')],
    ['architecture == "aarch64"', (i) => i.architecture === 'aarch64'],
    [
      'namespace == "stable/pytorch" & !(tag like "1.%")',
      (i) => i.image === 'stable/pytorch' && !i.tag.startsWith('1.'),
    ],
    ['base_image_name == "community/ssh"', (i) => i.image === 'community/ssh'],
    [
      'status == "DELETED" | registry == "registry.example.com"',
      (i) => i.status === 'DELETED' || i.registry === 'registry.example.com',
    ],
    ['tag in ["latest", "3.9-ubuntu20.04"]', (i) => ['latest', '3.9-ubuntu20.04'].includes(i.tag)],
    ['created_at >= "2024-03-01T00:00:00Z"', (i) => i.createdAt >= '2024-03-01T00:00:00.000Z'],
    ['created_at < "2024-03-01"', (i) => i.createdAt < '2024-03-01T00:00:00.000Z'],
    ['accelerators == null', (i) => i.accelerators === null],
    ['accelerators contains "rocm"', (i) => i.accelerators?.includes('rocm') ?? false],
    ['accelerators != "cuda"', (i) => i.accelerators !== null && i.accelerators !== 'cuda'],
    ['type == "system"', (i) => i.type === 'SYSTEM'],
    ['is_local == false', (i) => !i.isLocal],
    // `!` negates everything after it, as the manager's grammar reads it.
    [
      '!(architecture == "x86_64") | project == "multiarch"',
      (i) => !(i.architecture === 'x86_64' || i.project === 'multiarch'),
    ],
  ])('%s', async (filter, predicate) => {
    const expected = inScope(sandbox)
      .filter(predicate)
      .map((image) => image.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(new Set(await rowIds({ filter }))).toEqual(new Set(expected));
  });

  it('takes ids and registry ids, in any case', async () => {
    const image = sample();
    expect(await rowIds({ filter: `id == "${image.id.toUpperCase()}"` })).toEqual([image.id]);
    const sameRegistry = inScope(sandbox).filter((i) => i.registryId === image.registryId);
    expect(await rowIds({ filter: `registry_id == "${image.registryId}"` })).toHaveLength(
      sameRegistry.length,
    );
    expect(await rowIds({ filter: `id in ["${image.id}"] & status == "${image.status}"` })).toEqual([
      image.id,
    ]);
  });

  it.each([
    [
      'name ==',
      'Query filter parsing error: Expected a value (a string, a number, null, true, false or a [list]) at column 8, found the end of the expression',
    ],
    [
      '(name == "x"',
      'Query filter parsing error: Expected ")" at column 13, found the end of the expression',
    ],
    ['name ~ "x"', 'Query filter parsing error: Expected a token at column 6, found the character "~"'],
    [
      'colour == "red"',
      `Query filter parsing error: Error trying to process rule "binary_expr":\n\n('Unknown/unsupported field name', 'colour')`,
    ],
    [
      'status == "alive"',
      'Query filter parsing error: Error trying to process rule "binary_expr":\n\nInvalid enum value: alive',
    ],
    [
      'status in ["ALIVE"]',
      `Query filter parsing error: Error trying to process rule "binary_expr":\n\nunhashable type: 'list'`,
    ],
    [
      'created_at > "yesterday-ish"',
      'Query filter parsing error: Error trying to process rule "binary_expr":\n\nUnknown string format: yesterday-ish',
    ],
    [
      'size == 1e3',
      `Query filter parsing error: Error trying to process rule "number":\n\ninvalid literal for int() with base 10: '1e3'`,
    ],
    ['name in "x"', `IN expression list, SELECT construct, or bound parameter object expected, got 'x'.`],
    ['id == "not-a-uuid"', '(builtins.ValueError) badly formed hexadecimal UUID string'],
    ['is_local == "yes"', "(builtins.TypeError) Not a boolean value: 'yes'"],
  ])('refuses %j', async (filter, message) => {
    expect(await errorOf(sandbox, QUERY, 'superadmin', { filter })).toContain(message);
  });
});

describe('order', () => {
  it.each<[string, (a: SandboxImage, b: SandboxImage) => number]>([
    ['name', (a, b) => (a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name < b.name ? -1 : 1)],
    [
      '-created_at,id',
      (a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? 1 : -1),
    ],
    // NULL last when ascending, as PostgreSQL sorts.
    [
      'accelerators',
      (a, b) =>
        a.accelerators === b.accelerators
          ? a.id < b.id
            ? -1
            : 1
          : a.accelerators === null
            ? 1
            : b.accelerators === null
              ? -1
              : a.accelerators < b.accelerators
                ? -1
                : 1,
    ],
  ])('%s', async (order, compare) => {
    expect(await rowIds({ order })).toEqual(
      inScope(sandbox)
        .sort(compare)
        .map((image) => image.id),
    );
  });

  it.each([
    [
      '-colour',
      `Query ordering parsing error: Error trying to process rule "col":\n\n('Unknown/unsupported field name', 'colour')`,
    ],
    [
      'type',
      `Query ordering parsing error: Error trying to process rule "col":\n\ntype object 'ImageRow' has no attribute 'session_type'`,
    ],
    [
      'name,',
      'Query ordering parsing error: Expected a field name at column 6, found the end of the expression',
    ],
  ])('refuses %j', async (order, message) => {
    expect(await errorOf(sandbox, QUERY, 'superadmin', { order })).toBe(message);
  });
});

describe('fields on 25.6', () => {
  const sandboxOf = sandboxesClosedAfterEach();

  it('knows fewer fields, and none of `type`', async () => {
    const old = await sandboxOf({ managerVersion: '25.6' });
    expect(await errorOf(old, QUERY, 'superadmin', { filter: 'tag == "latest"' })).toContain(
      "('Unknown/unsupported field name', 'tag')",
    );
    expect(await errorOf(old, QUERY, 'superadmin', { filter: 'type == "compute"' })).toContain(
      "type object 'ImageRow' has no attribute 'session_type'",
    );
    expect((await rowIds({ filter: 'image == "community/ssh"' }, old)).length).toBeGreaterThan(0);
  });
});
