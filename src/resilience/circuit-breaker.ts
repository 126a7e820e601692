/**
 * A circuit breaker for one upstream, as a state machine over an injected clock (no timers, no I/O).
 *
 * Closed: calls go through; `failureThreshold` failures in a row open it. Open: calls are refused at once
 * (the caller fails fast with a clear error instead of waiting on a manager that is down) until `openMs`
 * have passed. Then one call goes through as a probe (half-open): its success closes the circuit, its
 * failure opens it for another `openMs`. Other calls are refused while the probe is out. A threshold of 0
 * turns the breaker off.
 */

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitSettings {
  /** Failures in a row that open the circuit; 0 never opens it. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before it lets one probe through. */
  openMs: number;
}

export type Admission = { admitted: true; probe: boolean } | { admitted: false; retryInMs: number };

export type CircuitListener = (from: CircuitState, to: CircuitState) => void;

export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private probeOut = false;

  constructor(
    private readonly settings: CircuitSettings,
    private readonly now: () => number,
    private readonly onChange: CircuitListener = () => {},
  ) {}

  /** The state a call would meet now: an open circuit whose time is up reads as half-open. */
  get state(): CircuitState {
    if (this.current === 'open' && this.openPeriodOver()) return 'half-open';
    return this.current;
  }

  /** Whether a call may go to the upstream now; an admitted call must end in exactly one verdict. */
  admit(): Admission {
    if (this.current === 'open') {
      if (!this.openPeriodOver()) return { admitted: false, retryInMs: this.remainingOpenMs() };
      this.moveTo('half-open');
    }
    if (this.current === 'half-open') {
      if (this.probeOut) return { admitted: false, retryInMs: 0 };
      this.probeOut = true;
      return { admitted: true, probe: true };
    }
    return { admitted: true, probe: false };
  }

  /** The upstream answered (whatever it said: a refusal is an answer too). */
  succeeded(): void {
    if (this.current === 'half-open') {
      this.probeOut = false;
      this.failures = 0;
      this.moveTo('closed');
    } else if (this.current === 'closed') {
      this.failures = 0;
    }
    // A call admitted before the circuit opened and answering late does not close it; only a probe does.
  }

  /** The upstream could not be reached, timed out or said it is unavailable. */
  failed(): void {
    if (this.current === 'half-open') {
      this.probeOut = false;
      this.open();
    } else if (this.current === 'closed') {
      this.failures += 1;
      if (this.settings.failureThreshold > 0 && this.failures >= this.settings.failureThreshold) this.open();
    }
  }

  /** An admitted call ended without telling anything (the client went away): a probe slot is freed. */
  released(): void {
    if (this.current === 'half-open') this.probeOut = false;
  }

  private open(): void {
    this.openedAt = this.now();
    this.failures = 0;
    this.moveTo('open');
  }

  private openPeriodOver(): boolean {
    return this.now() - this.openedAt >= this.settings.openMs;
  }

  private remainingOpenMs(): number {
    return Math.max(0, this.openedAt + this.settings.openMs - this.now());
  }

  private moveTo(next: CircuitState): void {
    const previous = this.current;
    if (previous === next) return;
    this.current = next;
    this.onChange(previous, next);
  }
}
