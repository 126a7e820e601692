/**
 * What the fronted manager can do, kept current. The gateway reads the release at start (it decides how
 * the Mesh is built) and refreshes it at most once per interval while serving, so a manager upgraded in
 * place is noticed without a restart. One state per manager URL, shared by the transforms and /readiness.
 */
import { capabilitiesOf, type ManagerCapabilities } from './capabilities.ts';

export class ManagerState {
  private capabilitiesValue: ManagerCapabilities;
  private checkedAt: number;
  private inflight: Promise<void> | null = null;

  constructor(
    release: string,
    private readonly refreshMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.capabilitiesValue = capabilitiesOf(release);
    this.checkedAt = now();
  }

  get capabilities(): ManagerCapabilities {
    return this.capabilitiesValue;
  }

  get lastChecked(): Date {
    return new Date(this.checkedAt);
  }

  /** Starts a refresh when the last check is older than the interval; never blocks the caller. */
  refreshIfStale(readRelease: () => Promise<string>): void {
    if (this.inflight || this.now() - this.checkedAt < this.refreshMs) return;
    this.inflight = readRelease()
      .then((release) => {
        this.capabilitiesValue = capabilitiesOf(release);
      })
      // An unreachable manager keeps what was known; the failure is logged and counted where the release is
      // read (observed-port.ts), and requests report the fault themselves.
      .catch(() => undefined)
      .finally(() => {
        this.checkedAt = this.now();
        this.inflight = null;
      });
  }
}

const states = new Map<string, ManagerState>();

/** Records what the gateway read of the manager at `legacyUrl` as it starts. */
export function startManagerState(legacyUrl: string, release: string, refreshMs: number): ManagerState {
  const state = new ManagerState(release, refreshMs);
  states.set(legacyUrl, state);
  return state;
}

/** The state of the manager at `legacyUrl`; a Mesh built without the gateway's start-up takes it as current. */
export function managerStateOf(legacyUrl: string, refreshMs: number): ManagerState {
  return states.get(legacyUrl) ?? startManagerState(legacyUrl, 'unknown', refreshMs);
}
