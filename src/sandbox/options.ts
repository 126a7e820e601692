/** What `startSandbox` takes. */
import type { Fault } from './http/faults.ts';
import type { SandboxRelease } from './native-v2/releases.ts';

export interface SandboxOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  images?: number;
  /** Further global registries without images (`SANDBOX_EXTRA_REGISTRIES`), for listing many registries. */
  extraRegistries?: number;
  seed?: string;
  /** 26.2, 26.4 and 26.8 also serve the native v2 API at /admin/gql/strawberry. */
  managerVersion?: SandboxRelease;
  /** Added to every request, in milliseconds. */
  latencyMs?: number;
  /** false accepts unauthenticated requests as the superadmin (local experiments only). */
  auth?: boolean;
  superadminKeypair?: { accessKey: string; secretKey: string };
  /** The manager's `max_gql_connection_page_size`; null (the manager's default) means no cap. */
  maxPageSize?: number | null;
  /** Serve this legacy SDL instead of the release's own (for example a whole manager schema). */
  schemaSDL?: string;
  fault?: Fault | null;
  /** false refuses introspection as 26.x managers do by default; the gateway reads the schema through it. */
  introspection?: boolean;
}
