/**
 * Relay global ids and edge cursors. A global id is padded standard base64 of `<type>:<id>` (the legacy
 * `ImageNode` ids and the native `ImageV2` ids alike); an ImageV2 edge cursor is base64 of
 * `cursor:v1:<uuid>`, as the native API encodes it.
 */
import { invalidCursor } from '../errors/index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CANONICAL_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Decodes canonical base64 only: anything Buffer would silently repair is refused. */
function decodeBase64(value: string): string | null {
  if (value === '' || !CANONICAL_BASE64.test(value)) return null;
  const text = Buffer.from(value, 'base64').toString('utf8');
  return Buffer.from(text, 'utf8').toString('base64') === value ? text : null;
}

export function encodeGlobalId(typeName: string, id: string): string {
  return Buffer.from(`${typeName}:${id}`, 'utf8').toString('base64');
}

export function decodeGlobalId(value: string): { typeName: string; id: string } | null {
  const text = decodeBase64(value);
  const colon = text?.indexOf(':') ?? -1;
  if (text == null || colon <= 0 || colon === text.length - 1) return null;
  return { typeName: text.slice(0, colon), id: text.slice(colon + 1) };
}

const CURSOR_PREFIX = 'cursor:v1:';

export function encodeCursor(id: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${id}`, 'utf8').toString('base64');
}

/** The image id a cursor points at; a malformed cursor is the native `InvalidCursor` error. */
export function decodeCursor(value: string): string {
  const text = decodeBase64(value);
  if (text === null) throw invalidCursor(`Invalid cursor encoding: ${value}`);
  const id = text.startsWith(CURSOR_PREFIX) ? text.slice(CURSOR_PREFIX.length) : null;
  if (id === null || !isUuid(id)) throw invalidCursor(`Invalid cursor format: ${value}`);
  return id.toLowerCase();
}
