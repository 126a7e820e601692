/**
 * `sign_request`: the signature the manager expects for a request, computed with node:crypto.
 *
 * The signed text is, one per line: the method as sent, the raw path with its query, the date header as
 * sent, `host:<Host>`, `content-type:<aiohttp's content_type>`, `x-backendai-version:<version>` (or
 * `x-sorna-version:` when the client sent no `X-BackendAI-Version` header), and the hex hash of an empty
 * body (every accepted API version is v4.20181215 or later, which does not sign the body). The key is
 * HMAC(HMAC(secret key, YYYYMMDD of the date as written), host). From 25.13 an `X-Forwarded-URL` header
 * replaces the path with its path (no query) and the host with its host.
 *
 * The hash is named by the sign method (`HMAC-SHA256`, case-insensitive): any of Python's
 * `hashlib.algorithms_guaranteed`. The SHAKE hashes are listed there but cannot make a fixed-length hex
 * digest, so the manager fails with a TypeError (a 500).
 */
import { createHash, createHmac } from 'node:crypto';
import { ManagerError } from '../errors.ts';

/** `hashlib.algorithms_guaranteed`, by the name node:crypto knows them under (null: not usable). */
const HASHES: Record<string, string | null> = {
  md5: 'md5',
  sha1: 'sha1',
  sha224: 'sha224',
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
  sha3_224: 'sha3-224',
  sha3_256: 'sha3-256',
  sha3_384: 'sha3-384',
  sha3_512: 'sha3-512',
  blake2b: 'blake2b512',
  blake2s: 'blake2s256',
  shake_128: null,
  shake_256: null,
};

export interface SigningRequest {
  method: string;
  rawPath: string;
  host: string;
  /** The Content-Type header as sent, or undefined. */
  contentType: string | undefined;
  /** The X-BackendAI-Version header, or undefined. */
  backendaiVersion: string | undefined;
  /** The X-Sorna-Version header, or undefined. */
  sornaVersion: string | undefined;
  /** X-Forwarded-URL, when the release reads it (25.13+). */
  forwardedUrl: string | undefined;
  /** The date header as sent, and the day it names. */
  rawDate: string;
  day: string;
}

export type SignatureFailure = 'invalid-signature' | 'mac-type' | 'hash-type' | 'api-version' | 'crash';

const FAILURES: Record<
  Exclude<SignatureFailure, 'crash'>,
  [string, 'authorizationFailed' | 'invalidAuthParameters']
> = {
  'invalid-signature': ['Invalid signature', 'authorizationFailed'],
  'mac-type': ['Unsupported request signing method (MAC type)', 'invalidAuthParameters'],
  'hash-type': ['Unsupported request signing method (hash type)', 'invalidAuthParameters'],
  'api-version': ['API version missing in request headers', 'invalidAuthParameters'],
};

/** The refusal `sign_request` raises for a failure. */
export function signatureFailureError(failure: SignatureFailure): ManagerError {
  if (failure === 'crash') return new ManagerError('internalServerError');
  const [msg, kind] = FAILURES[failure];
  return new ManagerError(kind, msg);
}

class SignatureFailed extends Error {
  constructor(readonly failure: SignatureFailure) {
    super(failure);
  }
}

/** aiohttp's `content_type`: the media type in lower case, application/octet-stream when absent or odd. */
export function aiohttpContentType(raw: string | undefined): string {
  if (raw === undefined) return 'application/octet-stream';
  const type = (raw.toLowerCase().split(';')[0] ?? '').trim();
  return type.split('/').length === 2 ? type : 'application/octet-stream';
}

/** `urlparse(url)`'s `path` (without `;params` of its last segment) and `netloc`. */
export function urlparsePathAndHost(url: string): { path: string; host: string } {
  // urlsplit drops leading C0 controls and spaces, and tabs and newlines anywhere.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: those controls are what it drops.
  let rest = url.replace(/^[\x00-\x20]+/, '').replace(/[\t\r\n]/g, '');
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length);
  let host = '';
  if (rest.startsWith('//')) {
    const end = rest.slice(2).search(/[/?#]/);
    host = end < 0 ? rest.slice(2) : rest.slice(2, 2 + end);
    rest = end < 0 ? '' : rest.slice(2 + end);
  }
  let path = rest.split(/[?#]/, 1)[0] as string;
  const lastSlash = path.lastIndexOf('/');
  const params = path.indexOf(';', lastSlash + 1);
  if (params >= 0) path = path.slice(0, params);
  return { path, host };
}

function hashOf(signMethod: string): string {
  const pieces = signMethod.split('-').map((piece) => piece.toLowerCase());
  if (pieces.length !== 2) throw new SignatureFailed('invalid-signature');
  const [mac, hash] = pieces as [string, string];
  if (mac !== 'hmac') throw new SignatureFailed('mac-type');
  if (!(hash in HASHES)) throw new SignatureFailed('hash-type');
  const nodeHash = HASHES[hash];
  if (!nodeHash) throw new SignatureFailed('crash');
  return nodeHash;
}

/** The text that is signed, and the host the key is derived with. */
function stringToSign(request: SigningRequest, hash: string): { text: string; host: string } {
  const apiVersion = request.backendaiVersion || request.sornaVersion;
  if (!apiVersion) throw new SignatureFailed('api-version');
  let { rawPath: path, host } = request;
  if (request.forwardedUrl) ({ path, host } = urlparsePathAndHost(request.forwardedUrl));
  const versionName = request.backendaiVersion !== undefined ? 'backendai' : 'sorna';
  const text = [
    request.method,
    path,
    request.rawDate,
    `host:${host}`,
    `content-type:${aiohttpContentType(request.contentType)}`,
    `x-${versionName}-version:${apiVersion}`,
    createHash(hash).update('').digest('hex'),
  ].join('\n');
  return { text, host };
}

/** The hex signature the manager computes, or the failure `sign_request` raises. */
export function expectedSignature(
  signMethod: string,
  request: SigningRequest,
  secretKey: string,
): { signature: string } | { failure: SignatureFailure } {
  try {
    const hash = hashOf(signMethod);
    const { text, host } = stringToSign(request, hash);
    const dayKey = createHmac(hash, secretKey).update(request.day).digest();
    const hostKey = createHmac(hash, dayKey).update(host).digest();
    return { signature: createHmac(hash, hostKey).update(text).digest('hex') };
  } catch (error) {
    if (error instanceof SignatureFailed) return { failure: error.failure };
    throw error;
  }
}
