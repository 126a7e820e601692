/**
 * The upstream reads listings make (the caller's role, `image_nodes` pages and orders, the whole-table
 * `images` list, `image(id)` outside the scopes) are the caller's own calls: they carry the caller's
 * credentials and the URL it signed, never the gateway's keypair, so the gateway never widens what a caller
 * sees. A recording hop between the gateway and the sandbox shows what each request was sent with.
 */
import { Kind, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAuthorization } from '../../src/auth/index.ts';
import { type RunningGateway, startGateway } from '../../src/gateway/start.ts';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts';
import { postGraphQL } from '../support/client.ts';
import {
  type RecordedRequest,
  type RecordingProxy,
  startRecordingProxy,
} from '../support/recording-proxy.ts';
import { WITHOUT_GATEWAY_KEYPAIR } from '../support/stack.ts';
import { everyImage, systemScopeOf } from '../support/visibility.ts';

const IMAGE_FIELDS = new Set(['images', 'image_nodes', 'image', 'image_node', 'user']);

let sandbox: Sandbox;
let hop: RecordingProxy;
let gateway: RunningGateway;
/** The same, with no keypair of its own: it cannot read the shared registry list. */
let keyless: RunningGateway;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  hop = await startRecordingProxy(sandbox.url);
  gateway = await startGateway({
    PORT: '0',
    LEGACY_URL: hop.url,
    GATEWAY_ACCESS_KEY: sandbox.credentials.superadmin.accessKey,
    GATEWAY_SECRET_KEY: sandbox.credentials.superadmin.secretKey,
    V2_PROFILE: 'release',
  });
  keyless = await startGateway({
    PORT: '0',
    LEGACY_URL: hop.url,
    V2_PROFILE: 'release',
    ...WITHOUT_GATEWAY_KEYPAIR,
  });
});

afterAll(async () => {
  await keyless?.close();
  await gateway?.close();
  await hop?.close();
  await sandbox?.close();
});

function rootFieldsOf(recorded: RecordedRequest): string[] {
  if (!recorded.body) return [];
  const operation = parse(JSON.parse(recorded.body).query).definitions[0];
  if (operation?.kind !== Kind.OPERATION_DEFINITION) return [];
  return operation.selectionSet.selections.flatMap((selection) =>
    selection.kind === Kind.FIELD ? [selection.name.value] : [],
  );
}

/** The requests a client request made the gateway send that read images or the caller's role. */
async function imageReadsOf(
  keypair: (typeof sandbox.credentials)['user'] | null,
  query: string,
  through: RunningGateway = gateway,
) {
  hop.requests.length = 0;
  const response = await postGraphQL(through.url, query, { keypair });
  const reads = hop.requests.filter((recorded) => rootFieldsOf(recorded).some((f) => IMAGE_FIELDS.has(f)));
  return { response, reads, fields: new Set(reads.flatMap(rootFieldsOf)) };
}

const accessKeyOf = (recorded: RecordedRequest) => {
  const authorization = recorded.headers.authorization;
  return typeof authorization === 'string' ? parseAuthorization(authorization).accessKey : null;
};

describe("listings read with the caller's own credentials", () => {
  const registryOf = () => sandbox.dataset.registries.find((registry) => registry.project === 'stable')!;
  const outsideUserScope = () => {
    const scope = new Set(systemScopeOf(sandbox.dataset, sandbox.credentials.user.userId).map((i) => i.id));
    return everyImage(sandbox.dataset).find((image) => !scope.has(image.id) && image.status === 'ALIVE')!;
  };
  const queries = () => [
    '{ adminImagesV2(first: 3) { count } }',
    `{ containerRegistryImagesV2(scope: { registryId: "${registryOf().id}" }, filter: { alias: { alias: { contains: "py" } } }) { count } }`,
    `{ imageV2(id: "${outsideUserScope().id}") { id } }`,
  ];

  it('a plain user: every image read carries its own key and signed URL, and never reads the whole table', async () => {
    for (const query of queries()) {
      const { reads, fields } = await imageReadsOf(sandbox.credentials.user, query);
      expect(reads.length).toBeGreaterThan(0);
      for (const recorded of reads) {
        expect(accessKeyOf(recorded)).toBe(sandbox.credentials.user.accessKey);
        expect(recorded.headers['x-forwarded-url']).toBe(`${gateway.url}/admin/gql`);
      }
      expect(fields.has('images')).toBe(false);
      expect(fields.has('image')).toBe(false);
    }
  });

  it("a superadmin: the whole-table read and the read outside the scopes are the caller's calls, not gateway reads", async () => {
    const { reads, fields } = await imageReadsOf(sandbox.credentials.superadmin, queries()[0] as string);
    expect(fields).toEqual(new Set(['user', 'image_nodes', 'images']));
    for (const recorded of reads) {
      expect(accessKeyOf(recorded)).toBe(sandbox.credentials.superadmin.accessKey);
      expect(recorded.headers['x-forwarded-url']).toBe(`${gateway.url}/admin/gql`);
    }
  });

  it('an anonymous caller: nothing signed is sent, and the manager refuses it', async () => {
    for (const query of queries()) {
      const { response, reads, fields } = await imageReadsOf(null, query);
      expect(response.status).toBe(401);
      for (const recorded of reads) expect(recorded.headers.authorization).toBeUndefined();
      expect(fields.has('images')).toBe(false);
    }
  });
});

describe('registry ids without a gateway keypair', () => {
  const registry = () => sandbox.dataset.registries.find((candidate) => candidate.project === 'stable')!;
  const registryReads = () =>
    hop.requests.filter((recorded) => rootFieldsOf(recorded).includes('container_registry_nodes'));

  it("a superadmin's registry listing reads the registry list with its own credentials, for its request only", async () => {
    const query = `{ containerRegistryImagesV2(scope: { registryId: "${registry().id}" }, limit: 100) { count edges { node { registryId } } } }`;
    for (let round = 0; round < 2; round += 1) {
      const { response } = await imageReadsOf(sandbox.credentials.superadmin, query, keyless);
      const data = response.body.data as { containerRegistryImagesV2: { count: number } };
      expect(data.containerRegistryImagesV2.count).toBe(
        everyImage(sandbox.dataset).filter((image) => image.registryId === registry().id).length,
      );
      // The gateway's own read goes unsigned (it has no keypair) and is refused; the caller's is its own,
      // read again each request: what a caller read is never cached for others.
      const [ownReads, gatewayReads] = [
        registryReads().filter((recorded) => recorded.headers['x-forwarded-url']),
        registryReads().filter((recorded) => !recorded.headers['x-forwarded-url']),
      ];
      expect(ownReads.length).toBeGreaterThan(0);
      for (const recorded of ownReads) {
        expect(accessKeyOf(recorded)).toBe(sandbox.credentials.superadmin.accessKey);
        expect(recorded.headers['x-forwarded-url']).toBe(`${keyless.url}/admin/gql`);
      }
      for (const recorded of gatewayReads) expect(recorded.headers.authorization).toBeUndefined();
    }
  });

  it("a plain user's registryId gets the clear error, read with nothing but its own credentials", async () => {
    const { response } = await imageReadsOf(
      sandbox.credentials.user,
      `{ containerRegistryImagesV2(scope: { registryId: "${registry().id}" }, limit: 1) { edges { node { registryId } } } }`,
      keyless,
    );
    expect(response.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(
        /^The legacy manager cannot provide this field\. \(registryId needs the registry list/,
      ),
      extensions: { code: 'external-system_read_not-implemented' },
    });
    // Only the gateway's own read was tried, unsigned; the user's credentials never asked for the list.
    expect(registryReads().length).toBeGreaterThan(0);
    for (const recorded of registryReads()) expect(recorded.headers.authorization).toBeUndefined();
  });
});
