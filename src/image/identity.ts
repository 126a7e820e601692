/** `ImageV2.identity`: the fields that name an image. */
import type { LegacyImageRow } from './types.ts';

/**
 * `<registry>/<project>/<image>:<tag>`, the native `canonical_name` (the row's `name` column). The legacy
 * `namespace` is already `<project>/<image>`.
 */
export function canonicalName(row: Pick<LegacyImageRow, 'registry' | 'namespace' | 'tag'>): string {
  return `${row.registry}/${row.namespace ?? ''}:${row.tag ?? ''}`;
}
