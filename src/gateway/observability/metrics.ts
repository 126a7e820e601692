/**
 * The gateway's Prometheus metrics (served at `/metrics`, listed in docs/OPERATIONS.md). Each gateway has
 * its own registry, so several gateways in one process (as in the tests) count apart; the process metrics
 * (memory, CPU, event loop) are collected once per process and served beside them.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry, register } from 'prom-client';
import type { CircuitState, UpstreamOutcome } from '../../resilience/index.ts';

const PREFIX = 'imagev2_gateway_';

let processRegistry: Registry | null = null;

/** Process metrics, collected once per process however many gateways it runs. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** The GraphQL request's outcome: no errors, data with errors, no data, or refused before execution (4xx). */
export type RequestOutcome = 'ok' | 'partial' | 'failed' | 'rejected';
export type OperationType = 'query' | 'mutation' | 'subscription' | 'unknown';
/** The caches the gateway keeps across requests. */
export type CacheName = 'registry_directory' | 'rest_catalogue';

const CIRCUIT_STATE_VALUE: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };

const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class GatewayMetrics {
  readonly registry = new Registry();
  private circuits: () => Record<string, CircuitState> = () => ({});

  readonly requests = new Counter({
    name: `${PREFIX}requests_total`,
    help: 'GraphQL requests at /admin/gql by operation type and outcome (ok, partial, failed, rejected)',
    labelNames: ['operation_type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly requestDuration = new Histogram({
    name: `${PREFIX}request_duration_seconds`,
    help: 'Time from receiving a GraphQL request to sending its answer, by operation type and outcome',
    labelNames: ['operation_type', 'outcome'] as const,
    buckets: REQUEST_BUCKETS,
    registers: [this.registry],
  });

  readonly upstreamRequests = new Counter({
    name: `${PREFIX}upstream_requests_total`,
    help: 'Upstream HTTP calls (each attempt) by source and outcome; circuit-open counts calls not sent',
    labelNames: ['source', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly upstreamDuration = new Histogram({
    name: `${PREFIX}upstream_request_duration_seconds`,
    help: 'Time until an upstream call answered (headers) or failed, each attempt, by source',
    labelNames: ['source'] as const,
    buckets: REQUEST_BUCKETS,
    registers: [this.registry],
  });

  readonly upstreamRetries = new Counter({
    name: `${PREFIX}upstream_retries_total`,
    help: 'Upstream reads tried again after the manager could not be reached, by source',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  readonly cacheLookups = new Counter({
    name: `${PREFIX}cache_lookups_total`,
    help: 'Lookups in the gateway caches by cache and result (hit: answered from a fresh cache; miss: read)',
    labelNames: ['cache', 'result'] as const,
    registers: [this.registry],
  });

  readonly auxiliaryReadFailures = new Counter({
    name: `${PREFIX}auxiliary_read_failures_total`,
    help: 'Failed reads beside the main answer (registry list, REST catalogue and image, manager release)',
    labelNames: ['read'] as const,
    registers: [this.registry],
  });

  readonly circuitTransitions = new Counter({
    name: `${PREFIX}circuit_transitions_total`,
    help: 'Circuit state changes by source and new state',
    labelNames: ['source', 'state'] as const,
    registers: [this.registry],
  });

  constructor() {
    const circuitsOf = () => this.circuits();
    new Gauge({
      name: `${PREFIX}circuit_state`,
      help: 'Circuit state by upstream source: 0 closed, 1 half-open (a probe may go), 2 open (failing fast)',
      labelNames: ['source'] as const,
      registers: [this.registry],
      collect() {
        for (const [source, state] of Object.entries(circuitsOf()))
          this.set({ source }, CIRCUIT_STATE_VALUE[state]);
      },
    });
  }

  /** Where the circuit state gauge reads the circuits from (the upstream plugin's). */
  watchCircuits(circuits: () => Record<string, CircuitState>): void {
    this.circuits = circuits;
  }

  upstreamCall(source: string, outcome: UpstreamOutcome, seconds: number | null): void {
    this.upstreamRequests.inc({ source, outcome });
    if (seconds !== null) this.upstreamDuration.observe({ source }, seconds);
  }

  cacheLookup(cache: CacheName, hit: boolean): void {
    this.cacheLookups.inc({ cache, result: hit ? 'hit' : 'miss' });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /**
   * The exposition text: this gateway's metrics and the process's, and prom-client's default registry,
   * where process-wide counters such as shadow mode's (src/shadow/metrics.ts) live.
   */
  text(): Promise<string> {
    return Registry.merge([processMetrics(), register, this.registry]).metrics();
  }
}
