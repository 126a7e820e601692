/**
 * What the fronted manager's release can do, from the version it announces at `GET /`. Pure: the gateway
 * reads the version once at start and decides here which mechanisms to use.
 */

export type ReleaseNumber = [number, number, number];

/** `26.1.0`, `25.6.3rc1` -> [26, 1, 0] / [25, 6, 3]; null when unreadable. */
export function parseRelease(text: string): ReleaseNumber | null {
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : null;
}

export function isAtLeast(release: ReleaseNumber, minimum: ReleaseNumber): boolean {
  for (let i = 0; i < 3; i += 1) {
    const [a, b] = [release[i] as number, minimum[i] as number];
    if (a !== b) return a > b;
  }
  return true;
}

export interface ManagerCapabilities {
  release: string;
  /** 25.13+: checks a forwarded signature against X-Forwarded-URL. */
  readsForwardedUrl: boolean;
  /** 25.16+: accepts X-BackendAI-Token. */
  acceptsToken: boolean;
  /** 26.3+: the superadmin REST image API (`/admin/images/*`) with creation times, registry ids, maximums. */
  restImageApi: boolean;
  /** 25.11+: `image_nodes(filter:)` knows `status` (and `namespace`, `tag`); 25.6 to 25.10 do not. */
  filtersByStatus: boolean;
  /**
   * 26.1+: `image_nodes` counts every match whatever the cursor; before, `count` applied the cursor
   * conditions too (it counted only the rows after `after`), so a cursor page needs its total asked apart.
   */
  countIgnoresCursor: boolean;
}

export function capabilitiesOf(release: string): ManagerCapabilities {
  const parsed = parseRelease(release);
  // An unreadable version is taken as a current manager; what it lacks fails softly (see rest-details.ts).
  const atLeast = (minimum: ReleaseNumber) => (parsed ? isAtLeast(parsed, minimum) : true);
  return {
    release,
    readsForwardedUrl: atLeast([25, 13, 0]),
    acceptsToken: atLeast([25, 16, 0]),
    restImageApi: atLeast([26, 3, 0]),
    filtersByStatus: atLeast([25, 11, 0]),
    countIgnoresCursor: atLeast([26, 1, 0]),
  };
}

/** Which of the manager's APIs the gateway reads, and for what, given what the manager can do. */
export function sourcesOf(capabilities: ManagerCapabilities): Record<string, string[]> {
  return {
    'legacy GraphQL (/admin/gql)': [
      'the legacy API',
      'ImageV2 pages',
      'registry ids (container_registry_nodes)',
    ],
    ...(capabilities.restImageApi
      ? { 'REST (/admin/images)': ['createdAt', 'registryId', 'resource limit maximums'] }
      : {}),
  };
}
