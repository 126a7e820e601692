/**
 * Relay global ids: padded standard base64 of `<type>:<id>`, the form of both the legacy `ImageNode` ids
 * (graphene) and the native `ImageV2` ids (strawberry).
 */
import { decodeBase64, encodeBase64 } from './base64.ts';

export function encodeGlobalId(typeName: string, id: string): string {
  return encodeBase64(`${typeName}:${id}`);
}

/**
 * The type name and id a global id holds, split at the first colon (an id may contain colons), or null for
 * anything that is not one: callers such as `node(id)` answer null rather than fail.
 */
export function decodeGlobalId(value: string): { typeName: string; id: string } | null {
  const text = decodeBase64(value);
  const colon = text?.indexOf(':') ?? -1;
  if (text == null || colon <= 0 || colon === text.length - 1) return null;
  return { typeName: text.slice(0, colon), id: text.slice(colon + 1) };
}
