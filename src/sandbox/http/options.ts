/** What the HTTP server of one sandbox is configured with. */
import type { GraphQLSchema } from 'graphql';
import type { ManagerVersion } from '../releases.ts';
import type { SandboxState } from '../state.ts';
import type { ExtraRoute } from './extra-route.ts';
import type { Fault } from './faults.ts';
import type { SandboxStats } from './stats.ts';

export interface ServerOptions {
  host: string;
  port: number;
  version: ManagerVersion;
  /** The manager version `GET /` reports, e.g. `26.1.0`. */
  managerVersion: string;
  schema: GraphQLSchema;
  state: SandboxState;
  auth: boolean;
  /** false refuses introspection as 26.x managers do by default. */
  introspection: boolean;
  latencyMs: number;
  stats: SandboxStats;
  fault: () => Fault | null;
  /** Routes served beside the release's own (the native v2 API on 26.2, 26.4 and 26.8). */
  extraRoutes?: ExtraRoute[];
}
