/** UUIDs as Backend.AI prints them (`str(uuid.UUID)`): 8-4-4-4-12 hex digits. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether the value is a hyphenated UUID; either case, since the manager reads both alike. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
