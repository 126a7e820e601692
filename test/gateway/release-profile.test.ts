import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildASTSchema,
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isObjectType,
  parse,
  validate,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/relay/index.ts';
import { MANAGER_VERSIONS, type SandboxImage } from '../../src/sandbox/index.ts';
import { dataOf, postGraphQL } from '../support/client.ts';
import { type Stack, startStack } from '../support/stack.ts';
import { everyImage } from '../support/visibility.ts';

const OPERATIONS = readFileSync(new URL('../fixtures/webui-v2-operations.graphql', import.meta.url), 'utf8');

let stack: Stack;
/** The API version clients of the fronted release sign with. */
let apiVersion: string;

const rows = () => stack.sandbox.dataset.images;
const canonical = (row: SandboxImage) => `${row.registry}/${row.image}:${row.tag}`;
const asAdmin = (variables: Record<string, unknown>, operationName: string) =>
  postGraphQL(stack.gateway.url, OPERATIONS, {
    apiVersion,
    keypair: stack.sandbox.credentials.superadmin,
    variables,
    operationName,
  });

/** What the superadmin may list: every image of the table, any status, as the native API. */
const listable = (): SandboxImage[] => everyImage(stack.sandbox.dataset);

/** The release profile's suite against the sandbox as each manager release it can be. */
describe.each(MANAGER_VERSIONS)('in front of a %s manager', (managerVersion) => {
  beforeAll(async () => {
    apiVersion = managerVersion === '25.6' ? 'v8.20240915' : 'v9.20250722';
    stack = await startStack({ sandbox: { images: 120, managerVersion }, env: { V2_PROFILE: 'release' } });
  });
  afterAll(() => stack.close());

  describe('the release profile serves what the web UI sends', () => {
    it('validates every v2 operation of the web UI against the served schema, and answers the by-id ones', async () => {
      const document = parse(OPERATIONS);
      expect(document.definitions.length).toBeGreaterThan(5);
      expect(validate(stack.gateway.schema, document).map((error) => error.message)).toEqual([]);
      // Each by-id operation, sent alone, returns data without errors.
      for (const name of ['ImageCanonicalName', 'RevisionImageName', 'PresetImageByGlobalId']) {
        const row = rows()[0]!;
        const id = name === 'PresetImageByGlobalId' ? encodeGlobalId('ImageV2', row.id) : row.id;
        const data = dataOf(await asAdmin({ id }, name)) as {
          imageV2: { identity: { canonicalName: string } };
        };
        expect(data.imageV2.identity.canonicalName).toBe(canonical(row));
      }
    });

    it('looks images up by id through adminImagesV2 filters', async () => {
      const row = rows()[5]!;
      for (const name of ['AdminImageCanonicalName', 'AdminImageReference']) {
        const data = dataOf(await asAdmin({ id: row.id }, name)) as {
          adminImagesV2: { edges: { node: { id: string; identity: { canonicalName: string } } }[] };
        };
        expect(data.adminImagesV2.edges.map((edge) => edge.node.id)).toEqual([
          encodeGlobalId('ImageV2', row.id),
        ]);
        expect(data.adminImagesV2.edges[0]?.node.identity.canonicalName).toBe(canonical(row));
      }
      const ids = rows()
        .slice(0, 4)
        .map((image) => image.id);
      const byIds = dataOf(await asAdmin({ ids, limit: ids.length }, 'PresetImagesByIds')) as {
        adminImagesV2: { edges: { node: { id: string } }[] };
      };
      expect(new Set(byIds.adminImagesV2.edges.map((edge) => edge.node.id))).toEqual(
        new Set(ids.map((id) => encodeGlobalId('ImageV2', id))),
      );
    });

    it('pages the image picker by name with a search', async () => {
      const expected = listable()
        .filter((image) => canonical(image).includes('torch'))
        .sort((a, b) =>
          canonical(a) === canonical(b) ? (a.id < b.id ? -1 : 1) : canonical(a) < canonical(b) ? -1 : 1,
        );
      const seen: string[] = [];
      for (let offset = 0; offset < expected.length; offset += 5) {
        const data = dataOf(
          await asAdmin(
            { offset, limit: 5, filter: { name: { contains: 'torch' } } },
            'AdminImageSelectPage',
          ),
        ) as {
          adminImagesV2: { count: number; edges: { node: { id: string; metadata: { tags: unknown[] } } }[] };
        };
        expect(data.adminImagesV2.count).toBe(expected.length);
        seen.push(...data.adminImagesV2.edges.map((edge) => edge.node.id));
      }
      expect(seen).toEqual(expected.map((image) => encodeGlobalId('ImageV2', image.id)));
    });

    it('honours @skip on a root field', async () => {
      const skipped = await asAdmin({ ids: [], skipSelected: true }, 'AdminImageSelectValue');
      expect(skipped.body).toEqual({ data: {} });
    });

    it('refuses adminImagesV2 to anyone but a superadmin, as the native API', async () => {
      const response = await postGraphQL(stack.gateway.url, OPERATIONS, {
        apiVersion,
        keypair: stack.sandbox.credentials.user,
        variables: { id: rows()[0]!.id },
        operationName: 'AdminImageCanonicalName',
      });
      expect(response.body.errors?.[0]).toMatchObject({
        message: 'Admin exclusive access',
        path: ['adminImagesV2'],
      });
      expect(response.body.data).toEqual({ adminImagesV2: null });
    });

    it('passes the legacy API through beside it', async () => {
      const query = '{ image_nodes(scope_id: "system", first: 2) { count edges { node { row_id } } } }';
      const keypair = stack.sandbox.credentials.user;
      const [viaGateway, direct] = [
        await postGraphQL(stack.gateway.url, query, { keypair, apiVersion }),
        await postGraphQL(stack.sandbox.url, query, { keypair, apiVersion }),
      ];
      // 26.3 always adds `errors: null`, which the gateway's GraphQL server leaves out.
      const { errors, ...data } = direct.body;
      expect(viaGateway.body).toEqual(errors === null ? data : direct.body);
    });
  });
});

// The released SDL, where the reference copy is at hand: every released image type, field and argument.
const HEAD = path.resolve(import.meta.dirname, '../../../shared/reference/v2-image-types-head.graphql');
const WEBUI = path.resolve(import.meta.dirname, '../../../shared/reference/webui-image-operations.graphql');

describe.skipIf(!existsSync(HEAD))('the release profile against the released SDL', () => {
  beforeAll(async () => {
    apiVersion = 'v9.20250722';
    stack = await startStack({ sandbox: { images: 120 }, env: { V2_PROFILE: 'release' } });
  });
  afterAll(() => stack.close());

  async function servedSchema() {
    const { getIntrospectionQuery, buildClientSchema } = await import('graphql');
    const data = dataOf(
      await postGraphQL<never>(stack.gateway.url, getIntrospectionQuery(), {
        apiVersion,
        keypair: stack.sandbox.credentials.user,
      }),
    );
    return buildClientSchema(data);
  }

  it('serves every type the web UI uses with the released fields', async () => {
    const served = await servedSchema();
    const reference = buildASTSchema(parse(readFileSync(HEAD, 'utf8')), { assumeValidSDL: true });
    const fields = (type: GraphQLNamedType | undefined | null) =>
      type && (isObjectType(type) || isInputObjectType(type))
        ? Object.keys(type.getFields()).sort()
        : isEnumType(type)
          ? type.getValues().map((v) => v.name)
          : [];
    for (const name of [
      'ImageV2',
      'ImageV2IdentityInfo',
      'ImageV2MetadataInfo',
      'ImageV2RequirementsInfo',
      'ImageV2PermissionInfo',
      'ImageV2ResourceLimit',
      'ImageV2TagEntry',
      'ImageV2LabelEntry',
      'ImageV2Status',
      'ImageV2Permission',
      'ImageV2Connection',
      'ImageV2Edge',
      'ImageV2Filter',
      'ImageV2OrderBy',
      'ImageV2OrderField',
      'StringFilter',
      'UUIDFilter',
      'ImageV2Alias',
      'ImageV2AliasConnection',
    ]) {
      expect(fields(served.getType(name)), name).toEqual(fields(reference.getType(name)));
    }
  });

  it('validates every operation of the web UI (client directives stripped)', async () => {
    const served = await servedSchema();
    const text = readFileSync(WEBUI, 'utf8').replace(/@(since|deprecatedSince)\(version: "[^"]*"\)/g, '');
    const document = parse(text);
    const errors = validate(served, document).filter(
      (error) => !/Unknown fragment|Fragment ".*" is never used/.test(error.message),
    );
    expect(errors.map((error) => error.message)).toEqual([]);
  });
});
