/**
 * The releases whose native v2 API (`POST /admin/gql/strawberry`) the sandbox serves, and what differs
 * between them, in one place: read from the manager's `api/gql/image/`, `api/adapters/image` and
 * `repositories/base` at tags 26.2.0, 26.4.0 and 26.8.0. Each also serves the legacy API of the nearest
 * legacy release the sandbox models (26.2 speaks 26.1's legacy API, 26.4 and 26.8 speak 26.3's: the same
 * API versions, body checks and REST routes).
 */
import type { ManagerVersion } from '../releases.ts';

export const NATIVE_RELEASES = ['26.2', '26.4', '26.8'] as const;
export type NativeRelease = (typeof NATIVE_RELEASES)[number];

/** Every release `SANDBOX_MANAGER_VERSION` accepts, oldest first. */
export const SANDBOX_RELEASES = ['25.6', '26.1', '26.2', '26.3', '26.4', '26.8'] as const;
export type SandboxRelease = (typeof SANDBOX_RELEASES)[number];

export interface NativeTraits {
  release: NativeRelease;
  /** `GET /`'s `manager`. */
  managerVersion: string;
  /** The legacy release whose legacy API (and REST routes) this release serves unchanged. */
  legacy: ManagerVersion;
  /**
   * Who reads the request body: strawberry's own aiohttp view on 26.2 (plain-text refusals, `extensions`
   * allowed, no `errors` key when there are none), the manager's pydantic `GraphQLRequest` from 26.3 on.
   */
  body: 'strawberry-view' | 'pydantic';
  /** `GQLExceptionHandlerExtension` (26.4+) gives every resolver error an `extensions.code`. */
  errorCodes: boolean;
  /** `GQLValidationExtension` (26.4+) refuses introspection where the manager does; 26.2 always allows it. */
  introspectionSetting: boolean;
  /** `str()` of a resource limit without a maximum: "None" until 26.3, "Infinity" from 26.4. */
  unsetMax: 'None' | 'Infinity';
  /** Accelerators of an image that stores none: [] until 26.4.8, ["*"] from 26.4.9. */
  noAccelerators: readonly string[];
  /** What cursor pages are read by: the id alone (26.2) or `created_at` first (26.4+, ties skipped). */
  cursorKey: 'id' | 'created_at';
  /** 26.2-26.3: `orderBy` (even an empty list) with `first`/`last` is an error. */
  orderByWithCursorRefused: boolean;
  /**
   * Which arguments select a pagination mode: the sizes only on 26.2 (`first`, `last`, `limit`; `offset`
   * without `limit` is ignored), every argument from 26.4 (`after` with `last` is a mix).
   */
  modeArguments: 'sizes' | 'all';
  /** 26.2's `StringFilter` tests truth, so an empty string is no operation; 26.4+ tests `is not None`. */
  emptyStringIsNoOperation: boolean;
  /**
   * A cursor whose id is no uuid: a database error when the page is read (26.2), the `ValueError` of the
   * cursor condition (26.4), `InvalidCursor` (26.8).
   */
  badCursorId: 'database' | 'value-error' | 'invalid-cursor';
  /** `ImageV2.lastUsed`/`metadata.lastUsedAt`: a NOT NULL column from 26.4 (creation time when never used). */
  lastUsed: boolean;
  /** `status: [ImageV2Status!]` (26.2) or `ImageV2StatusFilter` (26.3+). */
  statusFilter: 'list' | 'operators';
  /** `registryId`: absent (26.2), `equals` else `in` (26.4.0-26.4.3), a UUIDFilter's first operation (26.4.4+). */
  registryIdFilter: 'none' | 'equals-or-in' | 'first-operation';
  /** `id: UUIDFilter` (26.4.4+). */
  idFilter: boolean;
  /** `alias` (EXISTS over the image's aliases) and `lastUsed` (before/after) filters (26.3+). */
  aliasAndLastUsedFilters: boolean;
  /** StringFilter `in`/`notIn`/`iIn`/`iNotIn` (26.3+). */
  stringInOperations: boolean;
  /** Alias lists: by id (26.2) or by alias (26.4+). */
  aliasOrder: 'id' | 'alias';
  /** The alias filter's `imageId` and AND/OR/NOT (26.4+). */
  aliasFilterComposite: boolean;
}

const RELEASE_26_2: NativeTraits = {
  release: '26.2',
  managerVersion: '26.2.0',
  legacy: '26.1',
  body: 'strawberry-view',
  errorCodes: false,
  introspectionSetting: false,
  unsetMax: 'None',
  noAccelerators: [],
  cursorKey: 'id',
  orderByWithCursorRefused: true,
  modeArguments: 'sizes',
  emptyStringIsNoOperation: true,
  badCursorId: 'database',
  lastUsed: false,
  statusFilter: 'list',
  registryIdFilter: 'none',
  idFilter: false,
  aliasAndLastUsedFilters: false,
  stringInOperations: false,
  aliasOrder: 'id',
  aliasFilterComposite: false,
};

const RELEASE_26_4: NativeTraits = {
  release: '26.4',
  managerVersion: '26.4.0',
  legacy: '26.3',
  body: 'pydantic',
  errorCodes: true,
  introspectionSetting: true,
  unsetMax: 'Infinity',
  noAccelerators: [],
  cursorKey: 'created_at',
  orderByWithCursorRefused: false,
  modeArguments: 'all',
  emptyStringIsNoOperation: false,
  badCursorId: 'value-error',
  lastUsed: true,
  statusFilter: 'operators',
  registryIdFilter: 'equals-or-in',
  idFilter: false,
  aliasAndLastUsedFilters: true,
  stringInOperations: true,
  aliasOrder: 'alias',
  aliasFilterComposite: true,
};

export const NATIVE_TRAITS: Record<NativeRelease, NativeTraits> = {
  '26.2': RELEASE_26_2,
  '26.4': RELEASE_26_4,
  '26.8': {
    ...RELEASE_26_4,
    release: '26.8',
    managerVersion: '26.8.0',
    noAccelerators: ['*'],
    badCursorId: 'invalid-cursor',
    registryIdFilter: 'first-operation',
    idFilter: true,
  },
};

export function isNativeRelease(release: string): release is NativeRelease {
  return (NATIVE_RELEASES as readonly string[]).includes(release);
}

/** The legacy release whose legacy API a sandbox of this release serves. */
export function legacyReleaseOf(release: SandboxRelease): ManagerVersion {
  if (isNativeRelease(release)) return NATIVE_TRAITS[release].legacy;
  return release;
}
