/**
 * A query the gateway has seen before runs compiled by graphql-jit (src/gateway/plugins/compiled-execution.ts);
 * the first time, it runs on Mesh's executor. Each case here sends a query twice and expects the compiled
 * answer to be the executor's answer: the same data, the same errors at the same places, the same status.
 * (The legacy cases' first answers are the manager's own, as test/gateway/legacy-passthrough.test.ts checks.)
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BEP_1038_PAGE, LEGACY_PAGE, RELEASE_FILTERED_PAGE, RELEASE_PAGE } from '../../bench/queries.ts';
import { encodeCursor, encodeGlobalId } from '../../src/relay/index.ts';
import { postGraphQL } from '../support/client.ts';
import { type Stack, startStack } from '../support/stack.ts';

const WEB_UI = readFileSync(new URL('../fixtures/webui-v2-operations.graphql', import.meta.url), 'utf8');
const LEGACY = readFileSync(new URL('../fixtures/legacy-image-operations.graphql', import.meta.url), 'utf8');
const MISSING = '00000000-0000-4000-8000-000000000000';

interface Case {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  who?: 'superadmin' | 'user';
}

let release: Stack;
let bep: Stack;
beforeAll(async () => {
  [release, bep] = await Promise.all([
    startStack({ sandbox: { images: 80 }, env: { V2_PROFILE: 'release' } }),
    startStack({ sandbox: { images: 80 } }),
  ]);
});
afterAll(async () => {
  await Promise.all([release?.close(), bep?.close()]);
});

let sent = 0;
/** Sends a case twice, as a query text no other case uses, and returns both answers. */
async function twice(stack: Stack, { query, variables, operationName, who = 'superadmin' }: Case) {
  // A text of its own, so the first answer is this query's first execution.
  const text = `# case ${sent++}\n${query}`;
  const ask = () =>
    postGraphQL(stack.gateway.url, text, {
      keypair: stack.sandbox.credentials[who],
      ...(variables ? { variables } : {}),
      ...(operationName ? { operationName } : {}),
    }).then(({ status, body }) => ({ status, body }));
  return [await ask(), await ask()];
}

describe('a repeated ImageV2 query answers compiled exactly as on the executor', () => {
  it.each<[string, Case]>([
    ['the benchmark page of adminImagesV2', { query: RELEASE_PAGE }],
    ['a pushed-down filter', { query: RELEASE_FILTERED_PAGE }],
    [
      'aliases, ordered in the gateway',
      {
        query:
          '{ adminImagesV2(first: 5, orderBy: [{ field: NAME }, { field: CREATED_AT, direction: DESC }]) { count edges { cursor node { id aliases(first: 2) { count edges { node { alias } } } lastUsed metadata { lastUsedAt } } } } }',
      },
    ],
    [
      'the web UI picker page, with a fragment',
      {
        query: WEB_UI,
        operationName: 'AdminImageSelectPage',
        variables: { offset: 3, limit: 4, filter: { name: { iContains: 'py' } } },
      },
    ],
    [
      '@skip on a root field',
      {
        query: WEB_UI,
        operationName: 'AdminImageSelectValue',
        variables: { ids: [MISSING], skipSelected: true },
      },
    ],
    [
      'a single image that does not exist',
      { query: WEB_UI, operationName: 'ImageCanonicalName', variables: { id: MISSING } },
    ],
    ['a missing required variable', { query: WEB_UI, operationName: 'ImageCanonicalName' }],
    [
      'a variable of the wrong type',
      { query: WEB_UI, operationName: 'PresetImagesByIds', variables: { ids: ['x'], limit: 'ten' } },
    ],
    ['a caller the listing refuses', { query: RELEASE_PAGE, who: 'user' }],
    ['a bad id', { query: '{ imageV2(id: "not-an-id") { id } }' }],
  ])('%s (release)', async (_name, testCase) => {
    const [executed, compiled] = await twice(release, testCase);
    expect(compiled).toEqual(executed);
  });

  // Regression: the release profile's renames (transform-rename) make every resolveType async, which
  // graphql-jit does not await; a repeated `nodes` query of existing images failed with "Abstract type
  // Node must resolve to an Object type at runtime". Such queries stay on the executor.
  it('nodes of existing images, under the release profile renames', async () => {
    const ids = release.sandbox.dataset.images
      .slice(0, 3)
      .map((image) => encodeGlobalId('ImageV2', image.id));
    const query = `{ nodes(ids: ${JSON.stringify(ids)}) { __typename ... on ImageV2 { id metadata { status } } } }`;
    const [executed, compiled] = await twice(release, { query });
    expect(executed?.body).toMatchObject({
      data: { nodes: ids.map((id) => ({ __typename: 'ImageV2', id })) },
    });
    expect(compiled).toEqual(executed);
  });

  it.each<[string, Case]>([
    ['the benchmark page of imagesV2', { query: BEP_1038_PAGE }],
    [
      'a page backward from a cursor',
      {
        query: `{ imagesV2(last: 3, before: "${encodeCursor(MISSING)}") { count pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id registry } } } }`,
      },
    ],
    [
      'an offset page and a single image by global id',
      {
        query: `{ imagesV2(limit: 2, offset: 7) { count edges { node { id } } } imageV2(id: "${encodeGlobalId('ImageV2', MISSING)}") { id } }`,
      },
    ],
    ['a malformed cursor', { query: '{ imagesV2(first: 2, after: "bm9wZQ==") { count } }' }],
    ['two pagination modes at once', { query: '{ imagesV2(first: 2, limit: 2) { count } }' }],
    [
      '__typename beside the fields',
      {
        query:
          '{ __typename imagesV2(first: 1) { __typename edges { node { __typename metadata { __typename status } } } } }',
      },
    ],
  ])('%s (bep-1038)', async (_name, testCase) => {
    const [executed, compiled] = await twice(bep, testCase);
    expect(compiled).toEqual(executed);
  });
});

describe('a repeated legacy query answers compiled exactly as on the executor', () => {
  it.each<[string, Case]>([
    ['the benchmark page', { query: LEGACY_PAGE }],
    ['the same as a plain user', { query: LEGACY_PAGE, who: 'user' }],
    [
      'a filter the manager refuses',
      { query: '{ image_nodes(scope_id: "system", filter: "name ==") { count } }' },
    ],
    [
      'mixed paging directions',
      { query: '{ image_nodes(scope_id: "system", first: 1, last: 1) { count } }' },
    ],
    ['an unknown field', { query: '{ image_nodes(scope_id: "system") { colour } }' }],
    [
      'fragments, aliases and @include',
      {
        query:
          'query ($all: Boolean!) { a: image_nodes(scope_id: "system", first: 2) { ...Page } b: image_nodes(scope_id: "system", last: 1) @include(if: $all) { ...Page } } fragment Page on ImageConnection { count edges { node { row_id name: namespace tag } } }',
        variables: { all: true },
      },
    ],
    [
      'node and nodes of legacy and ImageV2 ids',
      {
        query: `{ node(id: "${encodeGlobalId('ImageNode', MISSING)}") { id } nodes(ids: ["${encodeGlobalId('ImageV2', MISSING)}", "${encodeGlobalId('ImageNode', MISSING)}"]) { id } }`,
      },
    ],
    [
      'a legacy field beside an ImageV2 page',
      {
        query:
          '{ imagesV2(first: 2) { count edges { node { id } } } image_nodes(scope_id: "system", first: 2) { count } }',
      },
    ],
  ])('%s', async (_name, testCase) => {
    const [executed, compiled] = await twice(bep, testCase);
    expect(compiled).toEqual(executed);
  });

  const variables: Record<string, Record<string, unknown>> = {
    EnvironmentSelect: { installed: false },
    AdminImageList: { scopeId: 'system', first: 3, order: '-created_at', filterByStatuses: ['ALIVE'] },
    ImageByReference: { reference: 'cr.backend.ai/stable/python:3.9-ubuntu20.04' },
  };
  it.each([...LEGACY.matchAll(/^query (\w+)/gm)].map((match) => match[1] as string))(
    'the legacy operation %s of the fixtures',
    async (operationName) => {
      const [executed, compiled] = await twice(bep, {
        query: LEGACY,
        operationName,
        ...(variables[operationName] ? { variables: variables[operationName] } : {}),
      });
      expect(compiled).toEqual(executed);
    },
  );
});
