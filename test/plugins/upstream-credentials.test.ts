/** The upstream-credentials Mesh plugin on its own: the headers it puts on calls, and the refusals it notes. */
import { describe, expect, it } from 'vitest';
import { parseAuthorization } from '../../src/auth/index.ts';
import useUpstreamCredentials from '../../src/gateway/plugins/upstream-credentials.ts';
import { identifyCaller } from '../../src/trust/caller-identity.ts';
import { asGatewayRead, refusalOf, rememberCaller } from '../../src/trust/request-trust.ts';
import { parseTrustedProxies } from '../../src/trust/trusted-proxies.ts';

const plugin = useUpstreamCredentials({
  managerUrl: 'http://manager:8081',
  accessKey: 'AKGATEWAY',
  secretKey: 's',
});
type OnFetch = NonNullable<typeof plugin.onFetch>;

async function run(url: string, context: object, response?: Response) {
  let headers: Record<string, string> = {};
  const done = await (plugin.onFetch as OnFetch)({
    url,
    options: {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'BackendAI injected' },
    },
    setOptions: (options: { headers?: Record<string, string> }) => {
      headers = options.headers ?? {};
    },
    context,
  } as unknown as Parameters<OnFetch>[0]);
  if (done && response) await done({ response, setResponse: () => undefined });
  return headers;
}

function requestFrom(headers: Record<string, string>): Request {
  const request = new Request('http://gateway:4000/admin/gql', { method: 'POST', headers });
  rememberCaller(
    request,
    identifyCaller(
      { headers: request.headers, url: request.url, remoteAddress: '127.0.0.1' },
      parseTrustedProxies(''),
    ),
  );
  return request;
}

describe('upstream-credentials plugin', () => {
  it("replaces whatever credentials a call carried with the caller's own", async () => {
    const request = requestFrom({ 'x-backendai-token': 'eyJ.caller' });
    const headers = await run('http://manager:8081/admin/gql', { request });
    expect(headers.authorization).toBeUndefined();
    expect(headers['x-backendai-token']).toBe('eyJ.caller');
    expect(headers['x-forwarded-url']).toBe('http://gateway:4000/admin/gql');
  });

  it('sends nothing for an anonymous caller, and nothing for a context that was never identified', async () => {
    expect(
      await run('http://manager:8081/admin/gql', {
        request: requestFrom({ 'x-forwarded-url': 'http://x/y' }),
      }),
    ).toEqual({
      'content-type': 'application/json',
      'x-forwarded-url': 'http://gateway:4000/admin/gql',
      'x-forwarded-for': '127.0.0.1',
    });
    expect((await run('http://manager:8081/admin/gql', {})).authorization).toBeUndefined();
  });

  it("signs a gateway read with the gateway's keypair", async () => {
    const context = asGatewayRead({ request: requestFrom({}) }, 'registry-directory');
    const headers = await run('http://manager:8081/admin/gql', context);
    expect(parseAuthorization(headers.authorization as string).accessKey).toBe('AKGATEWAY');
  });

  it("notes the manager's refusal of the caller, and not a GraphQL error answer", async () => {
    const refused = requestFrom({});
    const problem = JSON.stringify({
      type: 'https://api.backend.ai/probs/unauthorized',
      title: 'Unauthorized access',
    });
    await run('http://manager:8081/admin/gql', { request: refused }, new Response(problem, { status: 401 }));
    expect(refusalOf(refused)).toMatchObject({ status: 401, body: problem });

    const answered = requestFrom({});
    const graphqlError = JSON.stringify({ data: null, errors: [{ message: 'bad' }] });
    await run(
      'http://manager:8081/admin/gql',
      { request: answered },
      new Response(graphqlError, { status: 400 }),
    );
    expect(refusalOf(answered)).toBeNull();
  });

  it("does not relay a refusal of a gateway read as the caller's", async () => {
    const request = requestFrom({});
    const context = asGatewayRead({ request }, 'registry-directory');
    await run(
      'http://manager:8081/admin/gql',
      context,
      new Response('{"title":"Unauthorized access"}', { status: 401 }),
    );
    expect(refusalOf(request)).toBeNull();
  });
});
