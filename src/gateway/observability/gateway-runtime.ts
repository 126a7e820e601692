/**
 * What one running gateway shares between its parts that Mesh builds separately: the metrics, the logger
 * and the circuits. The HTTP server gets it directly; the Mesh plugin and the ImageV2 transform, which
 * Mesh constructs from `.meshrc.yaml`, find it by the `instance` id the gateway puts in their
 * configuration. A Mesh built without the gateway's start-up (the `schema` command, a test) gets a runtime
 * of its own that nobody reads.
 */
import { randomUUID } from 'node:crypto';
import type { CircuitBreaker } from '../../resilience/index.ts';
import { JsonLogger } from './json-logger.ts';
import { GatewayMetrics } from './metrics.ts';

export interface GatewayRuntime {
  /** The `instance` id in `.meshrc.yaml` (`GATEWAY_INSTANCE`). */
  id: string;
  metrics: GatewayMetrics;
  logger: JsonLogger;
  /** The circuit of each upstream source, by Mesh source name (`Legacy`, `LegacyRest`). */
  circuits: Map<string, CircuitBreaker>;
}

const runtimes = new Map<string, GatewayRuntime>();

/** A runtime registered for the Mesh a gateway is about to build; `releaseRuntime` when it closes. */
export function createRuntime(logger: JsonLogger): GatewayRuntime {
  const runtime = { id: randomUUID(), metrics: new GatewayMetrics(), logger, circuits: new Map() };
  runtime.metrics.watchCircuits(() =>
    Object.fromEntries([...runtime.circuits].map(([source, circuit]) => [source, circuit.state])),
  );
  runtimes.set(runtime.id, runtime);
  return runtime;
}

export function releaseRuntime(runtime: GatewayRuntime): void {
  runtimes.delete(runtime.id);
}

/** The runtime named in a plugin's or transform's configuration, or a private one when none is. */
export function runtimeOf(id: unknown): GatewayRuntime {
  const known = typeof id === 'string' && id !== '' ? runtimes.get(id) : undefined;
  return (
    known ?? {
      id: '',
      metrics: new GatewayMetrics(),
      logger: new JsonLogger('imagev2-gateway', 'warn'),
      circuits: new Map(),
    }
  );
}
