/**
 * Backend.AI request signing (HMAC), exactly as the manager verifies it: the signature covers the method,
 * the path with its query, the raw date header, the Host, the content type (without parameters) and the API
 * version. The body is not signed (API v4.20181215 and later), which is what lets a gateway rewrite a
 * GraphQL body and still forward the client's signature.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The newest API version the 25.x and 26.x managers accept. */
export const API_VERSION = 'v9.20250722';

export interface SignatureInput {
  method: string;
  /** The path with its query string, as it appears on the request line. */
  pathWithQuery: string;
  /** The Date (or X-BackendAI-Date) header exactly as sent. */
  rawDate: string;
  /** host[:port] as in the Host header. */
  host: string;
  contentType: string;
  apiVersion: string;
}

/** `YYYYMMDD` of the date as written (its own offset), the way the manager's `strftime` reads it. */
export function dateStamp(rawDate: string): string {
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(rawDate);
  if (iso) return `${iso[1]}${iso[2]}${iso[3]}`;
  const parsed = new Date(rawDate);
  if (Number.isNaN(parsed.getTime())) throw new Error(`unreadable date "${rawDate}"`);
  return parsed.toISOString().slice(0, 10).replaceAll('-', '');
}

/** The content type without parameters, lower case, as aiohttp's `request.content_type` gives it. */
export function bareContentType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

export function computeSignature(secretKey: string, input: SignatureInput, hashType = 'sha256'): string {
  const emptyBodyHash = createHash(hashType).update('').digest('hex');
  const signed = [
    input.method.toUpperCase(),
    input.pathWithQuery,
    input.rawDate,
    `host:${input.host}`,
    `content-type:${bareContentType(input.contentType)}`,
    `x-backendai-version:${input.apiVersion}`,
    emptyBodyHash,
  ].join('\n');
  const dateKey = createHmac(hashType, secretKey).update(dateStamp(input.rawDate)).digest();
  const hostKey = createHmac(hashType, dateKey).update(input.host).digest();
  return createHmac(hashType, hostKey).update(signed).digest('hex');
}

export function signaturesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export interface AuthorizationParams {
  signMethod: string;
  accessKey: string;
  signature: string;
}

export class MalformedAuthorization extends Error {
  override name = 'MalformedAuthorization';
}

/** Parses `BackendAI signMethod=HMAC-SHA256, credential=<access key>:<signature>`. */
export function parseAuthorization(header: string): AuthorizationParams {
  const space = header.indexOf(' ');
  if (space < 0) throw new MalformedAuthorization('Malformed authorization header');
  const scheme = header.slice(0, space);
  if (scheme !== 'BackendAI' && scheme !== 'Sorna')
    throw new MalformedAuthorization('Invalid authorization type name');
  const params = new Map<string, string>();
  for (const piece of header.slice(space + 1).split(',')) {
    const eq = piece.indexOf('=');
    if (eq < 0) throw new MalformedAuthorization('Missing or malformed authorization parameters');
    params.set(piece.slice(0, eq).trim(), piece.slice(eq + 1).trim());
  }
  const credential = params.get('credential');
  const signMethod = params.get('signMethod');
  const colon = credential?.indexOf(':') ?? -1;
  if (!credential || !signMethod || colon < 0) {
    throw new MalformedAuthorization('Missing or malformed authorization parameters');
  }
  return { signMethod, accessKey: credential.slice(0, colon), signature: credential.slice(colon + 1) };
}

/** `HMAC-SHA256` -> `sha256`; throws for anything but an HMAC method. */
export function hashTypeOf(signMethod: string): string {
  const [mac, hash] = signMethod.toLowerCase().split('-');
  if (mac !== 'hmac' || !hash)
    throw new MalformedAuthorization('Unsupported request signing method (MAC type)');
  return hash;
}

export interface SignRequestOptions {
  accessKey: string;
  secretKey: string;
  method: string;
  /** The full URL the request goes to; its path, query and host are signed. */
  url: string;
  contentType?: string;
  apiVersion?: string;
  date?: Date;
}

/** The headers a client sends with a signed request. */
export function signRequestHeaders(options: SignRequestOptions): Record<string, string> {
  const url = new URL(options.url);
  const contentType = options.contentType ?? 'application/json';
  const apiVersion = options.apiVersion ?? API_VERSION;
  const rawDate = (options.date ?? new Date()).toISOString();
  const signature = computeSignature(options.secretKey, {
    method: options.method,
    pathWithQuery: url.pathname + url.search,
    rawDate,
    host: url.host,
    contentType,
    apiVersion,
  });
  return {
    authorization: `BackendAI signMethod=HMAC-SHA256, credential=${options.accessKey}:${signature}`,
    date: rawDate,
    'x-backendai-version': apiVersion,
    'content-type': contentType,
  };
}

/** An access key and its secret key. */
export interface Keypair {
  accessKey: string;
  secretKey: string;
}
