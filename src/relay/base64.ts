/**
 * Base64 as Relay ids and cursors use it: standard alphabet, padded, over UTF-8 text (what both the legacy
 * graphene ids and the native strawberry ids and cursors are made of).
 */

const CANONICAL_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function encodeBase64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/**
 * The text a canonical base64 string encodes, or null. Buffer silently skips bad characters, accepts
 * missing padding and replaces invalid UTF-8; each of those is refused here instead (by the round trip), so
 * one id or cursor has one spelling.
 */
export function decodeBase64(value: string): string | null {
  if (value === '' || !CANONICAL_BASE64.test(value)) return null;
  const text = Buffer.from(value, 'base64').toString('utf8');
  return encodeBase64(text) === value ? text : null;
}
