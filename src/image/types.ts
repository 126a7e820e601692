/** The legacy image as the gateway reads it, and the ImageV2 object it serves. */

export interface LegacyKeyValue {
  key: string | null;
  value: string | null;
}

export interface LegacyResourceLimit {
  key: string | null;
  min: string | null;
  max: string | null;
}

/** The legacy `ImageNode` fields the gateway reads (the legacy API makes every field nullable). */
export interface LegacyImageRow {
  row_id: string;
  namespace: string | null;
  project: string | null;
  registry: string;
  tag: string | null;
  architecture: string;
  digest: string | null;
  labels: LegacyKeyValue[] | null;
  size_bytes: number | string | null;
  status: string | null;
  resource_limits: LegacyResourceLimit[] | null;
  supported_accelerators: (string | null)[] | null;
  aliases: (string | null)[] | null;
}

/** What a richer source than the legacy GraphQL API knows about an image. */
export interface ImageV2Extras {
  registryId: string | null;
  createdAt?: string | null;
  /** Custom maximum per resource slot (slot -> max), which the legacy API hides. */
  customMax?: Record<string, string>;
}

export interface KeyValue {
  key: string;
  value: string;
}

export interface ResourceLimit {
  key: string;
  min: string;
  max: string;
}

export type ImageStatus = 'ALIVE' | 'DELETED';

export interface ImageV2Record {
  __typename: 'ImageV2';
  /** Relay global id, base64 of `ImageV2:<uuid>`. */
  id: string;
  identity: { canonicalName: string; namespace: string; architecture: string };
  metadata: {
    tags: KeyValue[];
    labels: KeyValue[];
    digest: string | null;
    sizeBytes: number;
    status: ImageStatus;
    createdAt: string | null;
  };
  requirements: { resourceLimits: ResourceLimit[]; supportedAccelerators: string[] };
  /** Always null: neither the legacy API nor the native one fills it yet. */
  permission: null;
  /** Null until a resolver looks it up (the legacy `ImageNode` has no registry id). */
  registryId: string | null;
  /** Not an ImageV2 field: the registry name, kept for the registry id lookup. */
  registry: string;
}
