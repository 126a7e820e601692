/**
 * Whether the manager answers at all, for /readiness: `GET /` (every release answers it), bounded by a
 * timeout. Any HTTP answer but 502/503/504 counts as reachable. The answer is reused for a short while and
 * concurrent readiness checks share one probe, so a readiness poller cannot load the manager.
 */
import { isAnswer, outcomeOfStatus } from '../resilience/index.ts';

export const PROBE_MAX_AGE_MS = 2000;
export const PROBE_TIMEOUT_MS = 2000;

export class ReachabilityProbe {
  private last: { reachable: boolean; at: number } | null = null;
  private inflight: Promise<boolean> | null = null;

  constructor(
    private readonly legacyUrl: string,
    private readonly timeoutMs = PROBE_TIMEOUT_MS,
    private readonly maxAgeMs = PROBE_MAX_AGE_MS,
  ) {}

  /** The last answer, if it is fresh; else a new probe's. */
  check(): Promise<boolean> {
    if (this.last && performance.now() - this.last.at < this.maxAgeMs)
      return Promise.resolve(this.last.reachable);
    this.inflight ??= this.probe().then((reachable) => {
      this.last = { reachable, at: performance.now() };
      this.inflight = null;
      return reachable;
    });
    return this.inflight;
  }

  private async probe(): Promise<boolean> {
    try {
      const response = await fetch(`${this.legacyUrl}/`, { signal: AbortSignal.timeout(this.timeoutMs) });
      await response.arrayBuffer();
      return isAnswer(outcomeOfStatus(response.status));
    } catch {
      return false;
    }
  }
}
