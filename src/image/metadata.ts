/**
 * `ImageV2.metadata`: labels, digest, size and status, each read defensively from the nullable legacy
 * fields. A value the gateway cannot represent fails with `invalidImageData` naming the value rather than
 * being served wrong.
 */
import { invalidImageData } from '../errors/index.ts';
import type { ImageStatus, KeyValue, LegacyKeyValue } from './types.ts';

/** The stored label pairs in stored order; pairs with a null key or value are dropped, as natively. */
export function labelEntries(labels: LegacyKeyValue[] | null): KeyValue[] {
  // Every image of a page has a dozen labels or more: a plain loop, and the legacy pair itself where
  // both of its parts are there (it is then exactly a KeyValue).
  const entries: KeyValue[] = [];
  for (const label of labels ?? [])
    if (label.key != null && label.value != null) entries.push(label as KeyValue);
  return entries;
}

/**
 * Trimmed, null when empty, as the legacy API gives it. The native v2 API returns the raw CHAR(72) column,
 * whose pad space makes a 71-character `sha256:<hex>` digest end in a space (a known fault).
 */
export function normalizeDigest(digest: string | null): string | null {
  const trimmed = digest?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

const DECIMAL_DIGITS = /^\d+$/;

/**
 * The legacy `BigInt` as a number of bytes. It arrives as a JSON number or a string of digits; a number is
 * exact below 2^53 bytes (8 PiB), far beyond any image, and anything that is not an exact non-negative
 * integer is refused rather than rounded. A missing size is 0, the column's default.
 */
export function parseSizeBytes(size: number | string | null): number {
  if (size === null || size === '') return 0;
  const value = typeof size === 'number' ? size : DECIMAL_DIGITS.test(size) ? Number(size) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw invalidImageData(`size_bytes ${JSON.stringify(size)} is not a byte count below 2^53`);
  }
  return value;
}

/**
 * The legacy status string as the ImageV2 enum. A null status comes from managers older than image
 * statuses, where every listed image is alive.
 */
export function parseStatus(status: string | null): ImageStatus {
  if (status === null || status === 'ALIVE') return 'ALIVE';
  if (status === 'DELETED') return 'DELETED';
  throw invalidImageData(`status ${JSON.stringify(status)} is neither ALIVE nor DELETED`);
}
