/**
 * How the manager's Python libraries read ids, so the sandbox accepts and refuses the same inputs with the
 * same messages: `uuid.UUID(text)`, graphql-relay's `base64`/`unbase64`, and graphene's global ids.
 */

/** A Python `ValueError`/`TypeError` as the manager would let it reach a client: its text only. */
export class PythonError extends Error {
  override name = 'PythonError';
}

/** `str(uuid.UUID(text))`: braces, `urn:uuid:` and hyphens anywhere are accepted; the result is canonical. */
export function pythonUuid(text: string): string {
  const hex = text
    .replaceAll('urn:', '')
    .replaceAll('uuid:', '')
    .replace(/^[{}]+|[{}]+$/g, '')
    .replaceAll('-', '');
  if (hex.length !== 32) throw new PythonError('badly formed hexadecimal UUID string');
  if (!/^[0-9a-fA-F]{32}$/.test(hex))
    throw new PythonError(`invalid literal for int() with base 16: '${hex.replaceAll("'", "\\'")}'`);
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function isPythonUuid(text: string): boolean {
  try {
    pythonUuid(text);
    return true;
  } catch {
    return false;
  }
}

/** graphql-relay's `base64`: padded standard base64 of the UTF-8 text. */
export function toBase64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** graphql-relay's `unbase64`: strict (`validate=True`) decoding, "" for anything that is not base64 of UTF-8. */
export function unbase64(text: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return '';
  try {
    return utf8.decode(Buffer.from(text, 'base64'));
  } catch {
    return '';
  }
}

/** `AsyncNode.to_global_id`. */
export function toGlobalId(typeName: string, id: string): string {
  return toBase64(`${typeName}:${id}`);
}

/** `AsyncNode.resolve_global_id`: the type and id around the first colon of the decoded text. */
export function resolveGlobalId(globalId: string): [typeName: string, id: string] {
  const text = unbase64(globalId);
  const colon = text.indexOf(':');
  return colon < 0 ? [text, ''] : [text.slice(0, colon), text.slice(colon + 1)];
}

/** `GlobalIDField`'s parsing: a global id, or (when no id can be read from it) the value itself as the id. */
export function globalIdFieldValue(value: string): [typeName: string, id: string] {
  const [typeName, id] = resolveGlobalId(value);
  return id ? [typeName, id] : [typeName, value];
}
