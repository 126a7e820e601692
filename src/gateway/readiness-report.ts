/**
 * The `/readiness` answer: the verdict (src/resilience/readiness.ts) from the reachability probe and the
 * circuits, then what the gateway detected of the manager, for an operator reading it.
 */
import { readinessVerdict } from '../resilience/index.ts';
import type { GatewayRuntime } from './observability/gateway-runtime.ts';
import { GRAPHQL_SOURCE } from './plugins/upstream-resilience.ts';
import type { ReachabilityProbe } from './reachability-probe.ts';
import type { ReadinessReport } from './server.ts';

export interface ReadinessInputs {
  probe: ReachabilityProbe;
  runtime: GatewayRuntime;
  schemaLoaded: () => boolean;
  /** What the gateway detected (release, capabilities, sources, ...), added to the answer. */
  details: () => Record<string, unknown>;
}

export function readinessReporter(inputs: ReadinessInputs) {
  return async (shuttingDown: boolean): Promise<ReadinessReport> => {
    const managerReachable = await inputs.probe.check();
    const circuits = Object.fromEntries(
      [...inputs.runtime.circuits].map(([source, circuit]) => [source, circuit.state]),
    );
    const { ready, reasons } = readinessVerdict({
      schemaLoaded: inputs.schemaLoaded(),
      shuttingDown,
      managerReachable,
      circuits,
      essentialSource: GRAPHQL_SOURCE,
    });
    return {
      ready,
      ...(reasons.length > 0 ? { reasons } : {}),
      managerReachable,
      circuits,
      ...inputs.details(),
    };
  };
}
