/**
 * Whether the gateway can serve, from what it knows: the schema is built, it is not shutting down, the
 * manager answered the last reachability probe, and the circuit of the manager's GraphQL endpoint is not
 * open. The REST source's circuit is reported but does not decide: without it ImageV2 still serves, with
 * the legacy values.
 */
import type { CircuitState } from './circuit-breaker.ts';

export interface ReadinessFacts {
  schemaLoaded: boolean;
  shuttingDown: boolean;
  /** The last probe's answer: true reached, false not, null not probed yet. */
  managerReachable: boolean | null;
  /** The circuit each upstream source is in. */
  circuits: Record<string, CircuitState>;
  /** The source whose open circuit means the gateway cannot serve. */
  essentialSource: string;
}

export interface ReadinessVerdict {
  ready: boolean;
  /** Why not, one line each; empty when ready. */
  reasons: string[];
}

export function readinessVerdict(facts: ReadinessFacts): ReadinessVerdict {
  const reasons: string[] = [];
  if (!facts.schemaLoaded) reasons.push('the schema is not loaded');
  if (facts.shuttingDown) reasons.push('the gateway is shutting down');
  if (facts.managerReachable === false) reasons.push('the legacy manager is unreachable');
  if (facts.circuits[facts.essentialSource] === 'open')
    reasons.push(`the circuit to ${facts.essentialSource} is open after repeated failures`);
  return { ready: reasons.length === 0, reasons };
}
