/** What the HTTP server of one sandbox is configured with. */
import type { GraphQLSchema } from 'graphql';
import type { ManagerVersion } from '../releases.ts';
import type { SandboxState } from '../state.ts';
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
}
