/**
 * The mapping checked against native answers recorded in the shared reference data
 * (`<project>/../shared/reference/image-fixtures.json`). A fresh clone has no such folder: then it skips.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type LegacyImageRow, parseTags, type ResourceLimit, toImageV2 } from '../../src/image/index.ts';
import { encodeCursor, encodeGlobalId } from '../../src/relay/index.ts';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.resolve(PROJECT_ROOT, '../shared/reference/image-fixtures.json');

interface NativeImageV2 {
  id: string;
  identity: unknown;
  metadata: { digest: string | null; lastUsedAt?: unknown } & Record<string, unknown>;
  requirements: { resourceLimits: ResourceLimit[]; supportedAccelerators: string[] };
  permission: null;
  registryId: string;
  _edge_cursor: string;
}

interface Fixture {
  db_row: { id: string; registry_id: string; created_at: string };
  legacy_ImageNode: LegacyImageRow & { id: string; tags: { key: string; value: string }[] };
  v2_ImageV2_head: NativeImageV2;
}

const fixtures: Fixture[] = existsSync(FIXTURES) ? JSON.parse(readFileSync(FIXTURES, 'utf8')).images : [];

const byKey = (a: ResourceLimit, b: ResourceLimit) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The native answer with the gateway's documented deviations applied: digest trimmed, limits sorted. */
function expectedFrom(native: NativeImageV2, legacy: LegacyImageRow) {
  const { lastUsedAt: _notServed, ...metadata } = native.metadata;
  return {
    __typename: 'ImageV2',
    id: native.id,
    identity: native.identity,
    metadata: { ...metadata, digest: native.metadata.digest?.trim() || null },
    requirements: {
      ...native.requirements,
      resourceLimits: [...native.requirements.resourceLimits].sort(byKey),
    },
    permission: native.permission,
    registryId: native.registryId,
    registry: legacy.registry,
  };
}

describe.skipIf(fixtures.length === 0)('toImageV2 against the native answers in ../shared/reference', () => {
  it.each(fixtures.map((fixture) => [fixture.db_row.id, fixture] as const))('%s', (_id, fixture) => {
    const { legacy_ImageNode: legacy, v2_ImageV2_head: native, db_row: row } = fixture;
    const expected = expectedFrom(native, legacy);
    const extras = { registryId: row.registry_id, createdAt: row.created_at };

    // From the legacy answer alone, only the custom maximums differ: the legacy API hides them.
    const fromLegacy = toImageV2(legacy, extras);
    expect(fromLegacy).toEqual({
      ...expected,
      requirements: {
        ...expected.requirements,
        resourceLimits: expected.requirements.resourceLimits.map((limit) => ({ ...limit, max: 'Infinity' })),
      },
    });

    // With the maximums from a richer source, the answer is the native one.
    const customMax = Object.fromEntries(native.requirements.resourceLimits.map((l) => [l.key, l.max]));
    expect(toImageV2(legacy, { ...extras, customMax })).toEqual(expected);

    // Ids, cursors and tag parsing agree with both native sides.
    expect(encodeGlobalId('ImageNode', legacy.row_id)).toBe(legacy.id);
    expect(encodeCursor(legacy.row_id)).toBe(native._edge_cursor);
    expect(parseTags(legacy.tag)).toEqual(legacy.tags);
  });
});
