/**
 * The sandbox's own HMAC verifier, pinned by the manager's facts:
 *
 * - `test_extract_auth_params` and `test_check_date` of the manager's `tests/component/manager/api/test_auth.py`
 *   (26.1.0), taken as they are;
 * - signatures, parsed headers and dates that the manager's own `sign_request`, `_extract_auth_params` and
 *   `check_date` (26.1.0 and 26.3.0 give the same; 25.6.0 too, except that it ignores X-Forwarded-URL)
 *   produced for the inputs below. They are written out here as plain inputs and outputs.
 */
import { describe, expect, it } from 'vitest';
import { authenticate } from '../../src/sandbox/auth/authenticate.ts';
import { readAuthorizationHeader } from '../../src/sandbox/auth/authorization-header.ts';
import { expectedSignature, type SigningRequest } from '../../src/sandbox/auth/hmac-signature.ts';
import { checkDate, readRequestDate } from '../../src/sandbox/auth/request-date.ts';
import type { SandboxUser } from '../../src/sandbox/index.ts';

const SUPERADMIN_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const USER_SECRET = 'C8qnIo29EZvXkPK_MXcuAakYTy4NYrxwmCEyNPlf';

interface Vector {
  method: string;
  rawPath: string;
  date: string;
  host: string;
  contentType: string | undefined;
  backendaiVersion: string | undefined;
  sornaVersion: string | undefined;
  forwardedUrl: string | undefined;
  signMethod: string;
  secretKey: string;
}

/** The request every vector starts from; each row changes some of it. */
const BASE: Vector = {
  method: 'POST',
  rawPath: '/admin/gql',
  date: '2024-01-08T09:00:00+00:00',
  host: '127.0.0.1:8091',
  contentType: 'application/json',
  backendaiVersion: 'v9.20250722',
  sornaVersion: undefined,
  forwardedUrl: undefined,
  signMethod: 'HMAC-SHA256',
  secretKey: SUPERADMIN_SECRET,
};

function signingRequest(vector: Vector): SigningRequest {
  const date = readRequestDate(vector.date);
  if (!date) throw new Error(`unreadable date ${vector.date}`);
  return { ...vector, rawDate: vector.date, day: date.day };
}

const SIGNED: [string, Partial<Vector>, string][] = [
  [
    'POST /admin/gql, ISO date in UTC, sha256',
    {},
    'c85f82ac7211fc65ac618bf74476a3084f130ae27054e6553925d1b047d2ee59',
  ],
  [
    'GET with a query string (signed as part of the path)',
    { method: 'GET', rawPath: '/admin/images/search?offset=10&limit=5' },
    '3c4bd660eafa30c784a12eaf562732bc9f1e97bbf5f6bb1c4de5cc39c806eefa',
  ],
  [
    'RFC 1123 date',
    { date: 'Mon, 08 Jan 2024 23:30:00 GMT' },
    'bac7ac2cd1c3dabede86c37f91bda8837fddd3ba5510a6f1a699551803f9deee',
  ],
  [
    'ISO date with +09:00 whose day is a day after the UTC one (the key uses the day as written)',
    { date: '2024-01-09T01:00:00+09:00' },
    'c5c3f626265f3e687eb09a7947ebc242518fe5bcf7a3cb51de4b13780a5cbf4b',
  ],
  [
    'RFC 1123 date with a zone name (KST)',
    { date: 'Tue, 09 Jan 2024 01:00:00 KST' },
    'ed419eee8a6fcd2a4d19a9f42ef1444569f55bd61ce20a3a13055d900050b5d7',
  ],
  [
    'ISO basic date without an offset (UTC)',
    { date: '20240108T09:00:00' },
    'd8999cadaebf18179f6c92208f088452862daacf40b7b484f719e583104bb815',
  ],
  [
    'ISO date with milliseconds and Z',
    { date: '2024-01-08T23:59:59.999Z' },
    'a98448d1567124b970cb0a6bcb8a1ec1e5391d8992e808629b59af9fcc0d79b3',
  ],
  ['HMAC-SHA1', { signMethod: 'HMAC-SHA1' }, '856dea7ff9c9567273639af737b8836433d123df'],
  [
    'hmac-md5 (the method name in lower case)',
    { signMethod: 'hmac-md5' },
    'f2d65e958617bed3bd76883ba1e19cd2',
  ],
  [
    'HMAC-SHA512',
    { signMethod: 'HMAC-SHA512' },
    '7644a4004d4c64ddfc0b16765f75a664b8b6b3c0f8a3d8eb9388fa03cd3e1e5c2b694f55e26675148dc221e4b12367cdb01a0f57d84808db662638d1437278fb',
  ],
  [
    'HMAC-SHA3_256',
    { signMethod: 'HMAC-SHA3_256' },
    '5c82d578ab3c71d511fd7b6b3f83d0954cb03e5772fb70ef5161987926d97bd3',
  ],
  [
    'HMAC-BLAKE2B',
    { signMethod: 'HMAC-BLAKE2B' },
    'ba0c8c539d34f09969f321e2c0e734132fef42fed7113467590825f59e7dd809e3c57a5762b567011e1ed751a5abb70de32a91aed351142eb9bf85618bad14b4',
  ],
  [
    'X-Sorna-Version instead of X-BackendAI-Version (signed as x-sorna-version)',
    { backendaiVersion: undefined, sornaVersion: 'v4.20190615' },
    'f1d1b5775ae79feb3b3076a1b0155e1bcd6f6e3b8a4316fdfef405e85e9d7422',
  ],
  [
    "X-Forwarded-URL (26.x): its path without the query, and its host, replace the request's",
    { forwardedUrl: 'https://gateway.example:4000/admin/gql?trace=1' },
    'f9df3b4376b9d6ac3273d2d95a19fbc0115cc2a003575cbd141701e05e331260',
  ],
  [
    'a content type with parameters, in upper case (signed as application/json)',
    { contentType: 'Application/JSON; charset=utf-8' },
    'c85f82ac7211fc65ac618bf74476a3084f130ae27054e6553925d1b047d2ee59',
  ],
  [
    'no content type (signed as application/octet-stream)',
    { contentType: undefined },
    '84c8990aa3650efab848a099b81b973782427cf7ccbfc7e411b517cb01567c9d',
  ],
  [
    'a content type without a slash (signed as application/octet-stream)',
    { contentType: 'json' },
    '84c8990aa3650efab848a099b81b973782427cf7ccbfc7e411b517cb01567c9d',
  ],
  [
    'the user keypair, another host',
    { host: 'localhost:4000', secretKey: USER_SECRET },
    'b0adc75294d933c7fa2c450a6ed0068b0471b56714aed5e301479c5cfb4d0670',
  ],
];

describe("signatures the manager's sign_request computes", () => {
  it.each(SIGNED)('%s', (_, change, signature) => {
    const vector = { ...BASE, ...change };
    expect(expectedSignature(vector.signMethod, signingRequest(vector), vector.secretKey)).toEqual({
      signature,
    });
  });

  it.each<[string, Partial<Vector>, string]>([
    ['a sign method of three pieces: Invalid signature', { signMethod: 'HMAC-SHA-256' }, 'invalid-signature'],
    ['a MAC other than HMAC', { signMethod: 'RSA-SHA256' }, 'mac-type'],
    ['a hash hashlib does not guarantee', { signMethod: 'HMAC-WHIRLPOOL' }, 'hash-type'],
    ['a SHAKE hash: a TypeError in the manager (500)', { signMethod: 'HMAC-SHAKE_128' }, 'crash'],
    ['no API version header', { backendaiVersion: undefined }, 'api-version'],
  ])('refuses %s', (_, change, failure) => {
    const vector = { ...BASE, ...change };
    expect(expectedSignature(vector.signMethod, signingRequest(vector), vector.secretKey)).toEqual({
      failure,
    });
  });
});

describe('authenticate, on requests signed as the manager signs them', () => {
  const users: SandboxUser[] = [
    {
      uuid: '00000000-0000-4000-8000-000000000001',
      email: 'admin@lablup.com',
      role: 'superadmin',
      domain: 'default',
      projectIds: [],
      accessKey: 'AKIAIOSFODNN7EXAMPLE',
      secretKey: SUPERADMIN_SECRET,
    },
    {
      uuid: '00000000-0000-4000-8000-000000000002',
      email: 'user@lablup.com',
      role: 'user',
      domain: 'default',
      projectIds: [],
      accessKey: 'AKIANABBDUSEREXAMPLE',
      secretKey: USER_SECRET,
    },
  ];

  function signedRequest(vector: Vector, signature: string) {
    const user = users.find((candidate) => candidate.secretKey === vector.secretKey) as SandboxUser;
    const headers: Record<string, string | undefined> = {
      authorization: `BackendAI signMethod=${vector.signMethod}, credential=${user.accessKey}:${signature}`,
      date: vector.date,
      host: vector.host,
      'content-type': vector.contentType,
      'x-backendai-version': vector.backendaiVersion,
      'x-sorna-version': vector.sornaVersion,
      'x-forwarded-url': vector.forwardedUrl,
    };
    const now = readRequestDate(vector.date)?.instant as number;
    return { request: { method: vector.method, rawPath: vector.rawPath, headers }, now, user };
  }

  it.each(SIGNED)('accepts on 26.1 the request of "%s"', async (_, change, signature) => {
    const { request, now, user } = signedRequest({ ...BASE, ...change }, signature);
    await expect(authenticate(request, { version: '26.1', users, now })).resolves.toBe(user);
  });

  it('refuses a signature off by one character with "HMAC signature mismatch"', async () => {
    const { request, now } = signedRequest(
      BASE,
      'c85f82ac7211fc65ac618bf74476a3084f130ae27054e6553925d1b047d2ee5a',
    );
    await expect(authenticate(request, { version: '26.1', users, now })).rejects.toThrow(
      'Credential/signature mismatch. (HMAC signature mismatch)',
    );
  });

  it('checks on 25.6 the request path and Host, not X-Forwarded-URL', async () => {
    const forwarded = { ...BASE, forwardedUrl: 'https://gateway.example:4000/admin/gql?trace=1' };
    const viaGateway = signedRequest(
      forwarded,
      'f9df3b4376b9d6ac3273d2d95a19fbc0115cc2a003575cbd141701e05e331260',
    );
    await expect(
      authenticate(viaGateway.request, { version: '25.6', users, now: viaGateway.now }),
    ).rejects.toThrow('(Signature mismatch)');
    const direct = signedRequest(
      forwarded,
      'c85f82ac7211fc65ac618bf74476a3084f130ae27054e6553925d1b047d2ee59',
    );
    await expect(authenticate(direct.request, { version: '25.6', users, now: direct.now })).resolves.toBe(
      users[0],
    );
  });
});

describe('the Authorization header, read as _extract_auth_params reads it', () => {
  it.each<[string, [string, string, string]]>([
    // test_extract_auth_params
    ['BackendAI signMethod=HMAC-SHA256,credential=fake-ak:fake-sig', ['HMAC-SHA256', 'fake-ak', 'fake-sig']],
    ['Sorna signMethod=HMAC-SHA256, credential=ak:sig:with:colons', ['HMAC-SHA256', 'ak', 'sig:with:colons']],
    ['BackendAI  signMethod = HMAC-SHA1 ,  credential= ak : sig ', ['HMAC-SHA1', 'ak ', ' sig']],
    ['BackendAI signMethod=a=b, credential=ak:s=g', ['a=b', 'ak', 's=g']],
  ])('reads %j', (value, [signMethod, accessKey, signature]) => {
    expect(readAuthorizationHeader(value)).toEqual({ signMethod, accessKey, signature });
  });

  it.each<[string, string]>([
    // test_extract_auth_params
    ['no-space', 'Malformed authorization header'],
    ['BadAuthType signMethod=HMAC-SHA256,credential=fake-ak:fake-sig', 'Invalid authorization type name'],
    ['backendai signMethod=HMAC-SHA256, credential=ak:sig', 'Invalid authorization type name'],
    ['BackendAI signMethod=HMAC-SHA256', 'Missing or malformed authorization parameters'],
    [
      'BackendAI signMethod=HMAC-SHA256, credential=no-colon',
      'Missing or malformed authorization parameters',
    ],
    ['BackendAI credential=ak:sig', 'Missing or malformed authorization parameters'],
    ['BackendAI signMethod=HMAC-SHA256 credential=ak:sig', 'Missing or malformed authorization parameters'],
  ])('refuses %j with "%s"', (value, msg) => {
    expect(() => readAuthorizationHeader(value)).toThrow(
      `Missing or invalid authorization parameters. (${msg})`,
    );
  });

  it.each(['BackendAI token', 'BackendAI signMethod=HMAC-SHA256, credential=ak:sig,'])(
    'fails on %j as the manager does, with its internal error (a ValueError escapes)',
    (value) => {
      expect(() => readAuthorizationHeader(value)).toThrow('Internal server error.');
    },
  );
});

describe('dates, read as check_date reads them', () => {
  it.each<[string, string, string]>([
    ['2024-01-08T09:00:00+00:00', '2024-01-08T09:00:00.000Z', '20240108'],
    ['2024-01-08T09:00:00', '2024-01-08T09:00:00.000Z', '20240108'],
    ['2024-01-08 09:00:00', '2024-01-08T09:00:00.000Z', '20240108'],
    ['20240108T09:00:00', '2024-01-08T09:00:00.000Z', '20240108'],
    ['20240108T090000Z', '2024-01-08T09:00:00.000Z', '20240108'],
    ['2024-01-09T01:00:00+09:00', '2024-01-08T16:00:00.000Z', '20240109'],
    ['2024-01-08T20:00:00-05:00', '2024-01-09T01:00:00.000Z', '20240108'],
    ['2024-01-08T09:00:00+0900', '2024-01-08T00:00:00.000Z', '20240108'],
    ['Mon, 08 Jan 2024 09:00:00 GMT', '2024-01-08T09:00:00.000Z', '20240108'],
    ['Mon, 08 Jan 2024 09:00:00 +0000', '2024-01-08T09:00:00.000Z', '20240108'],
    ['Tue, 09 Jan 2024 01:00:00 +0900', '2024-01-08T16:00:00.000Z', '20240109'],
    ['Tue, 09 Jan 2024 01:00:00 KST', '2024-01-08T16:00:00.000Z', '20240109'],
    ['Mon, 08 Jan 2024 04:00:00 EST', '2024-01-08T09:00:00.000Z', '20240108'],
    ['Mon, 08 Jan 2024 01:00:00 PST', '2024-01-08T09:00:00.000Z', '20240108'],
    ['Mon, 08 Jan 2024 10:00:00 CET', '2024-01-08T09:00:00.000Z', '20240108'],
    // A zone name the table does not know leaves the time in UTC.
    ['Mon, 08 Jan 2024 09:00:00 XYZ', '2024-01-08T09:00:00.000Z', '20240108'],
    ['Monday, 08-Jan-24 09:00:00 GMT', '2024-01-08T09:00:00.000Z', '20240108'],
    ['Mon Jan  8 09:00:00 2024', '2024-01-08T09:00:00.000Z', '20240108'],
    ['2024-01-08', '2024-01-08T00:00:00.000Z', '20240108'],
  ])('reads %j as %s, day %s', (raw, instant, day) => {
    expect(readRequestDate(raw)).toEqual({ instant: Date.parse(instant), day });
  });

  it.each(['some-unrecognizable-malformed-date-time', '', '2024-13-08T09:00:00Z', '1704704400'])(
    'cannot read %j',
    (raw) => {
      expect(readRequestDate(raw)).toBeNull();
    },
  );

  // test_check_date: the same forms relative to now, inside and outside the 15 minutes.
  const now = Date.now();
  const iso = (offsetMs: number) => new Date(now + offsetMs).toISOString().replace('Z', '+00:00');
  const at = (offsetMs: number, format: (date: Date) => string) => format(new Date(now + offsetMs));
  const MINUTE = 60_000;
  const twoDigits = (n: number) => String(n).padStart(2, '0');
  const basicNaive = (d: Date) =>
    `${d.getUTCFullYear()}${twoDigits(d.getUTCMonth() + 1)}${twoDigits(d.getUTCDate())}T${twoDigits(d.getUTCHours())}:${twoDigits(d.getUTCMinutes())}:${twoDigits(d.getUTCSeconds())}`;
  const inZone = (hours: number, name: string) => (d: Date) =>
    new Date(d.getTime() + hours * 60 * MINUTE).toUTCString().replace('GMT', name);

  it.each<[string, Record<string, string>, boolean]>([
    ['no date header', { 'x-nothing': '' }, false],
    ['now, ISO', { date: iso(0) }, true],
    ['now, without a zone', { date: at(0, basicNaive) }, true],
    ['14m55s ago', { date: iso(-(14 * MINUTE + 55_000)) }, true],
    ['in 14m55s', { date: iso(14 * MINUTE + 55_000) }, true],
    ['15m05s ago', { date: iso(-(15 * MINUTE + 5_000)) }, false],
    ['in 15m05s', { date: iso(15 * MINUTE + 5_000) }, false],
    ['now, RFC 822 in GMT', { date: new Date(now).toUTCString() }, true],
    ['now, RFC 822 in KST', { date: at(0, inZone(9, 'KST')) }, true],
    ['now, RFC 822 in EST', { date: at(0, inZone(-5, 'EST')) }, true],
    ['an unreadable date', { date: 'some-unrecognizable-malformed-date-time' }, false],
    ['now, in X-BackendAI-Date', { 'x-backendai-date': iso(0) }, true],
  ])('%s: %s', (_, headers, accepted) => {
    const checked = checkDate({ method: 'GET', rawPath: '/', headers }, now);
    expect(checked !== null).toBe(accepted);
  });
});
