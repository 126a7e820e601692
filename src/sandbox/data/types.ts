/**
 * The shape of the sandbox manager's data: domains, projects, users with their keypairs, registries and
 * image rows as the manager's tables hold them, and the demo keypairs.
 */

export type UserRole = 'superadmin' | 'admin' | 'user';
export type ImageRowStatus = 'ALIVE' | 'DELETED';
export type ImageRowType = 'COMPUTE' | 'SYSTEM' | 'SERVICE';

export interface SandboxDomain {
  name: string;
  /** Registry host names the domain's users may use. */
  allowedRegistries: string[];
}

export interface SandboxProject {
  id: string;
  name: string;
  domain: string;
}

export interface SandboxUser {
  uuid: string;
  email: string;
  role: UserRole;
  domain: string;
  projectIds: string[];
  accessKey: string;
  secretKey: string;
}

export interface SandboxRegistry {
  id: string;
  /** The registry host, `registry_name` on the wire. */
  name: string;
  url: string;
  type: 'harbor2' | 'docker';
  project: string | null;
  isGlobal: boolean;
  /** Projects a non-global registry is open to. */
  projectIds: string[];
  /** The registry login, shown on the wire only as a placeholder password. */
  username: string | null;
}

export interface ResourceSpec {
  min?: string | null;
  max?: string | null;
}

export interface SandboxImage {
  id: string;
  /** The `name` column: the canonical `<registry>/<project>/<image>:<tag>`, stored on its own. */
  name: string;
  registryId: string;
  /** The registry host. */
  registry: string;
  project: string | null;
  /** `<project>/<image>`: the `image` column, `namespace` on the wire. */
  image: string;
  tag: string;
  architecture: string;
  /** `sha256:<hex>` padded to the CHAR(72) column width, as the database stores it. */
  configDigest: string;
  sizeBytes: number;
  isLocal: boolean;
  type: ImageRowType;
  /** Comma-separated accelerator names, or null when the image does not restrict them. */
  accelerators: string | null;
  labels: Record<string, string>;
  /** Custom resource limits set by an administrator (the `resources` column). */
  resources: Record<string, ResourceSpec>;
  status: ImageRowStatus;
  createdAt: string;
  lastUsedAt: string | null;
  aliases: string[];
  installedAgents: string[];
}

export interface Dataset {
  domains: SandboxDomain[];
  projects: SandboxProject[];
  users: SandboxUser[];
  registries: SandboxRegistry[];
  images: SandboxImage[];
}

export const DEFAULT_IMAGE_COUNT = 60;
export const DEFAULT_SEED = 'backend.ai';

/** The well-known example keypairs of Backend.AI's own fixtures. */
export const DEMO_KEYPAIRS = {
  superadmin: { accessKey: 'AKIAIOSFODNN7EXAMPLE', secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  user: { accessKey: 'AKIANABBDUSEREXAMPLE', secretKey: 'C8qnIo29EZvXkPK_MXcuAakYTy4NYrxwmCEyNPlf' },
} as const;
