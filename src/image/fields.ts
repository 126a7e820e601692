/**
 * One small function per ImageV2 field that is more than a copy of a legacy field. Each follows what the
 * native implementation does, except where the native side has a known fault (noted where it applies).
 */
import type {
  ImageStatus,
  KeyValue,
  LegacyImageRow,
  LegacyKeyValue,
  LegacyResourceLimit,
  ResourceLimit,
} from './types.ts';

/** `<registry>/<project>/<image>:<tag>`, the native `canonical_name`. */
export function canonicalName(row: Pick<LegacyImageRow, 'registry' | 'namespace' | 'tag'>): string {
  return `${row.registry}/${row.namespace ?? ''}:${row.tag ?? ''}`;
}

/** A tag piece as Backend.AI's `PlatformTagSet` reads it: letters, then an optional version. */
const TAG_PIECE = /^(?<key>[a-zA-Z_]+)(?<value>\d+(?:\.\d+)*[a-z0-9]*)?$/;

/**
 * The tag split on `-`: the first piece is the version and is dropped, each other piece becomes
 * `{key: letters, value: version}` (`2.0-py311-cuda12.1` gives py=311, cuda=12.1). The manager refuses tags
 * whose pieces do not fit that form, so none should reach the gateway; if one does, it is kept whole as a
 * key with an empty value rather than failing a whole page. A repeated key keeps its first value.
 */
export function parseTags(tag: string | null): KeyValue[] {
  if (!tag) return [];
  const entries = new Map<string, string>();
  for (const piece of tag.split('-').slice(1)) {
    if (piece === '') continue;
    const match = TAG_PIECE.exec(piece);
    const key = match?.groups?.key ?? piece;
    if (!entries.has(key)) entries.set(key, match?.groups?.value ?? '');
  }
  return [...entries].map(([key, value]) => ({ key, value }));
}

export function labelEntries(labels: LegacyKeyValue[] | null): KeyValue[] {
  return (labels ?? []).flatMap((label) =>
    label.key != null && label.value != null ? [{ key: label.key, value: label.value }] : [],
  );
}

/** Trimmed, null when empty. The native v2 API returns the padded database value (a known fault). */
export function normalizeDigest(digest: string | null): string | null {
  const trimmed = digest?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/**
 * The legacy `BigInt` arrives as a JSON number (or a numeric string); sizes are exact up to 2^53 bytes
 * (8 PiB), far beyond any image.
 */
export function parseSizeBytes(size: number | string | null): number {
  if (size === null || size === '') return 0;
  const value = typeof size === 'number' ? size : Number(size);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`size_bytes is not a byte count: ${String(size)}`);
  return value;
}

/** Legacy status is a free string; ImageV2 has an enum. Managers before 25.4 have no status: all alive. */
export function parseStatus(status: string | null): ImageStatus {
  if (status === null || status === 'ALIVE') return 'ALIVE';
  if (status === 'DELETED') return 'DELETED';
  throw new Error(`unknown image status "${status}"`);
}

/** The manager's floor for the intrinsic slots, used when a row has no limit for them. */
export const INTRINSIC_MINIMUMS: Readonly<Record<string, string>> = { cpu: '1', mem: '1073741824' };

export const NO_MAXIMUM = 'Infinity';

/**
 * `{key, min, max}` per slot, `cpu` and `mem` always present, sorted by key (the native order follows a
 * Python set and changes between calls, a fault not worth copying). The maximum is the custom one when a
 * richer source knows it; the legacy API always says `Infinity`.
 */
export function resourceLimits(
  limits: LegacyResourceLimit[] | null,
  customMax: Record<string, string> = {},
): ResourceLimit[] {
  const bySlot = new Map<string, ResourceLimit>();
  for (const limit of limits ?? []) {
    if (!limit.key) continue;
    const legacyMax = limit.max && limit.max !== 'None' ? limit.max : NO_MAXIMUM;
    bySlot.set(limit.key, { key: limit.key, min: limit.min ?? '0', max: customMax[limit.key] ?? legacyMax });
  }
  for (const [key, min] of Object.entries(INTRINSIC_MINIMUMS)) {
    if (!bySlot.has(key)) bySlot.set(key, { key, min, max: customMax[key] ?? NO_MAXIMUM });
  }
  return [...bySlot.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The stored accelerator list, or `["*"]` (any) when none is stored, as the legacy API gives it. */
export function supportedAccelerators(accelerators: (string | null)[] | null): string[] {
  const named = (accelerators ?? []).filter((name): name is string => !!name);
  return named.length > 0 ? named : ['*'];
}
