/**
 * The whole legacy schemas of real 25.6 and 26.1 managers (federation directives included), served by the
 * sandbox and fronted by the gateway: every legacy type and root field is there beside ImageV2, and image
 * queries work. Runs only where the reference copies are at hand (../shared), as a CI step may provide.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildASTSchema, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, postGraphQL } from '../support/client.ts';
import { type Stack, startStack } from '../support/stack.ts';

const REFERENCE = path.resolve(import.meta.dirname, '../../../shared/reference/full');

const CASES = [
  ['25.6', 'legacy-schema-25.6.0.graphql', 'v8.20240915'],
  ['26.1', 'legacy-schema-26.1.0.graphql', 'v9.20250722'],
] as const;

/** Root field names of an SDL that may use federation directives without defining them. */
function rootFields(sdl: string): { query: string[]; mutation: string[] } {
  const schema = buildASTSchema(parse(sdl), { assumeValidSDL: true });
  return {
    query: Object.keys(schema.getQueryType()?.getFields() ?? {}),
    mutation: Object.keys(schema.getMutationType()?.getFields() ?? {}),
  };
}

describe.skipIf(!existsSync(REFERENCE)).each(CASES)(
  'the full %s reference schema',
  (managerVersion, file, apiVersion) => {
    const schemaFile = path.join(REFERENCE, file);
    const sdl = existsSync(schemaFile) ? readFileSync(schemaFile, 'utf8') : '';
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack({
        sandbox: { managerVersion, schemaSDL: sdl },
        env: { LEGACY_SCHEMA: schemaFile },
      });
    });
    afterAll(() => stack?.close());

    it('serves every legacy root field and type beside ImageV2', async () => {
      const data = dataOf(
        await postGraphQL<{
          __schema: {
            queryType: { fields: { name: string }[] };
            mutationType: { fields: { name: string }[] };
            types: { name: string }[];
          };
        }>(
          stack.gateway.url,
          `{ __schema { queryType { fields(includeDeprecated: true) { name } } mutationType { fields(includeDeprecated: true) { name } } types { name } } }`,
          { keypair: stack.sandbox.credentials.user, apiVersion },
        ),
      );
      const expected = rootFields(sdl);
      const served = data.__schema.queryType.fields.map((field) => field.name);
      expect(served).toEqual(expect.arrayContaining([...expected.query, 'imagesV2', 'imageV2', 'nodes']));
      expect(data.__schema.mutationType.fields.map((field) => field.name)).toEqual(
        expect.arrayContaining(expected.mutation),
      );
      const legacyTypes = buildASTSchema(parse(sdl), { assumeValidSDL: true }).getTypeMap();
      const servedTypes = new Set(data.__schema.types.map((type) => type.name));
      const missing = Object.keys(legacyTypes).filter(
        (name) => !name.startsWith('__') && !servedTypes.has(name),
      );
      expect(missing).toEqual([]);
    });

    it('answers ImageV2 and legacy image queries', async () => {
      const data = dataOf(
        await postGraphQL<{ imagesV2: { count: number }; image_nodes: { count: number } }>(
          stack.gateway.url,
          '{ imagesV2(first: 3) { count edges { node { identity { canonicalName } registryId } } } image_nodes(scope_id: "system", first: 3) { count } }',
          { keypair: stack.sandbox.credentials.superadmin, apiVersion },
        ),
      );
      // A superadmin's imagesV2 lists every live image, as the native API does (image_nodes' system scope
      // leaves out other users' customized images).
      const live = stack.sandbox.dataset.images.filter((image) => image.status === 'ALIVE');
      expect(data.imagesV2.count).toBe(live.length);
      expect(data.image_nodes.count).toBeLessThanOrEqual(live.length);
    });
  },
);
