/**
 * ImageV2 edge cursors: base64 of `cursor:v1:<uuid>`, as the native API encodes them, so a cursor from the
 * gateway and one from a native manager are the same string.
 *
 * Malformed cursors fail with the native `InvalidCursor` messages: `Invalid cursor format: <cursor>` when
 * the text is not base64 of `cursor:v1:...` (the native `Invalid cursor encoding` branch is unreachable,
 * since graphql-relay's `unbase64` returns "" instead of raising), and `Invalid cursor value: <cursor>` when
 * the id is not a UUID. The gateway is stricter than the native decoder in one way: it refuses base64 with
 * stray characters or missing padding, which Python's `b64decode` skips or repairs.
 */
import { invalidCursor } from '../errors/index.ts';
import { decodeBase64, encodeBase64 } from './base64.ts';
import { isUuid } from './uuid.ts';

const CURSOR_PREFIX = 'cursor:v1:';

export function encodeCursor(id: string): string {
  return encodeBase64(`${CURSOR_PREFIX}${id}`);
}

/** The image id (lower-case UUID) a cursor points at. */
export function decodeCursor(value: string): string {
  const text = decodeBase64(value);
  if (text === null || !text.startsWith(CURSOR_PREFIX)) {
    throw invalidCursor(`Invalid cursor format: ${value}`);
  }
  const id = text.slice(CURSOR_PREFIX.length);
  if (!isUuid(id)) throw invalidCursor(`Invalid cursor value: ${value}`);
  return id.toLowerCase();
}
