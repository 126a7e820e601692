import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  computeSignature,
  dateStamp,
  MalformedAuthorization,
  parseAuthorization,
  signRequestHeaders,
} from '../../src/auth/index.ts';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('computeSignature', () => {
  it('matches the manager algorithm (vector computed independently with Python hmac/hashlib)', () => {
    const signature = computeSignature(SECRET, {
      method: 'POST',
      pathWithQuery: '/admin/gql?x=1',
      rawDate: '2026-11-22T14:30:00.000Z',
      host: '127.0.0.1:4000',
      contentType: 'application/json; charset=utf-8',
      apiVersion: 'v9.20250722',
    });
    expect(signature).toBe('f0158488adaf0d2dea5b43b485bc273b4d3b51c41aa2b536e27e02e3e9c2c1ee');
  });

  it.each([
    ['host', { host: '127.0.0.1:4001' }],
    ['path', { pathWithQuery: '/admin/gql' }],
    ['date', { rawDate: '2026-11-22T14:30:01.000Z' }],
    ['API version', { apiVersion: 'v8.20240915' }],
    ['content type', { contentType: 'text/plain' }],
  ])('changes when the %s changes', (_name, change) => {
    const base = {
      method: 'POST',
      pathWithQuery: '/admin/gql?x=1',
      rawDate: '2026-11-22T14:30:00.000Z',
      host: '127.0.0.1:4000',
      contentType: 'application/json',
      apiVersion: 'v9.20250722',
    };
    expect(computeSignature(SECRET, { ...base, ...change })).not.toBe(computeSignature(SECRET, base));
  });
});

describe('dateStamp', () => {
  it.each([
    ['2026-11-22T23:59:59+09:00', '20261122'],
    ['2026-11-22T00:00:00Z', '20261122'],
    ['Sun, 22 Nov 2026 14:30:00 GMT', '20261122'],
  ])('%s -> %s', (raw, stamp) => expect(dateStamp(raw)).toBe(stamp));
});

describe('parseAuthorization', () => {
  it('reads the method, access key and signature', () => {
    expect(parseAuthorization('BackendAI signMethod=HMAC-SHA256, credential=AKIA:abc:def')).toEqual({
      signMethod: 'HMAC-SHA256',
      accessKey: 'AKIA',
      signature: 'abc:def',
    });
  });
  it.each(['BackendAI', 'Bearer x', 'BackendAI signMethod=HMAC-SHA256', 'BackendAI credential=AKIA'])(
    'refuses %j',
    (header) => expect(() => parseAuthorization(header)).toThrow(MalformedAuthorization),
  );
});

describe('signRequestHeaders', () => {
  it('signs what it sends: the signature verifies against the headers it returns', () => {
    const date = new Date('2026-11-22T14:30:00Z');
    const headers = signRequestHeaders({
      accessKey: 'AKIA',
      secretKey: SECRET,
      method: 'POST',
      url: 'http://127.0.0.1:4000/admin/gql',
      date,
    });
    const { signature } = parseAuthorization(headers.authorization as string);
    expect(signature).toBe(
      computeSignature(SECRET, {
        method: 'POST',
        pathWithQuery: '/admin/gql',
        rawDate: headers.date as string,
        host: '127.0.0.1:4000',
        contentType: headers['content-type'] as string,
        apiVersion: headers['x-backendai-version'] as string,
      }),
    );
  });
});

describe('signRequestHeaders over a URL with a query string', () => {
  /** The manager's signing, written out here from its documentation rather than taken from src/auth. */
  function oracle(
    secret: string,
    method: string,
    pathWithQuery: string,
    date: string,
    host: string,
    version: string,
  ) {
    const text = `${method}\n${pathWithQuery}\n${date}\nhost:${host}\ncontent-type:application/json\nx-backendai-version:${version}\n${createHash('sha256').update('').digest('hex')}`;
    const day = date.slice(0, 10).replaceAll('-', '');
    const dateKey = createHmac('sha256', secret).update(day).digest();
    const hostKey = createHmac('sha256', dateKey).update(host).digest();
    return createHmac('sha256', hostKey).update(text).digest('hex');
  }

  // Regression guard: dropping the query from the signed path would make every GET with a query fail.
  it('signs the path with its query, as the manager checks it', () => {
    const url = 'http://manager:8081/admin/images/search?limit=5&offset=10';
    const headers = signRequestHeaders({ accessKey: 'AK', secretKey: 'secret', method: 'GET', url });
    const { signature } = parseAuthorization(headers.authorization as string);
    expect(signature).toBe(
      oracle(
        'secret',
        'GET',
        '/admin/images/search?limit=5&offset=10',
        headers.date as string,
        'manager:8081',
        headers['x-backendai-version'] as string,
      ),
    );
    expect(signature).not.toBe(
      oracle(
        'secret',
        'GET',
        '/admin/images/search',
        headers.date as string,
        'manager:8081',
        headers['x-backendai-version'] as string,
      ),
    );
  });
});
