/**
 * What differs between the manager releases the sandbox can be, in one place (read from the 25.6.0,
 * 26.1.0 and 26.3.0 sources). Everything else behaves the same on every release.
 */
export const MANAGER_VERSIONS = ['25.6', '26.1', '26.3'] as const;
export type ManagerVersion = (typeof MANAGER_VERSIONS)[number];

export interface ReleaseTraits {
  /** `GET /`'s `manager`. */
  managerVersion: string;
  /** X-BackendAI-Token (25.16+) and X-Forwarded-URL (25.13+). */
  federationAuth: boolean;
  /** Problem bodies carry `error_code` (25.8+). */
  errorCodes: boolean;
  /**
   * 25.6 adds no id condition to a cursor when there is no `order` (the same first page comes back) and
   * applies the cursor conditions to `count` as well; 26.1 fixed both.
   */
  cursorWithoutOrderIgnored: boolean;
  countAfterCursor: boolean;
  /** `image(id:)` finds DELETED images on 25.6; 26.1 loads ALIVE ones only. */
  imageByIdStatuses: 'any' | 'alive';
  /** `image(reference:)` needs an architecture on 25.6 (its argument defaults to x86_64). */
  imageNeedsArchitecture: boolean;
  /** `image_nodes` with `filter_by_statuses: null`: no status filter on 25.6, ALIVE on 26.1. */
  nullStatusesMeanAll: boolean;
  /** The superadmin REST image API `/admin/images/*` (26.3+). */
  restImages: boolean;
}

export const RELEASES: Record<ManagerVersion, ReleaseTraits> = {
  '25.6': {
    managerVersion: '25.6.0',
    federationAuth: false,
    errorCodes: false,
    cursorWithoutOrderIgnored: true,
    countAfterCursor: true,
    imageByIdStatuses: 'any',
    imageNeedsArchitecture: true,
    nullStatusesMeanAll: true,
    restImages: false,
  },
  '26.1': {
    managerVersion: '26.1.0',
    federationAuth: true,
    errorCodes: true,
    cursorWithoutOrderIgnored: false,
    countAfterCursor: false,
    imageByIdStatuses: 'alive',
    imageNeedsArchitecture: false,
    nullStatusesMeanAll: false,
    restImages: false,
  },
  '26.3': {
    managerVersion: '26.3.0',
    federationAuth: true,
    errorCodes: true,
    cursorWithoutOrderIgnored: false,
    countAfterCursor: false,
    imageByIdStatuses: 'alive',
    imageNeedsArchitecture: false,
    nullStatusesMeanAll: false,
    restImages: true,
  },
};
