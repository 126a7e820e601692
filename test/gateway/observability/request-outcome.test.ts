import { describe, expect, it } from 'vitest';
import type { RequestOutcome } from '../../../src/gateway/observability/metrics.ts';
import { requestOutcome } from '../../../src/gateway/observability/request-observer.ts';

describe('requestOutcome', () => {
  it.each<[string, number, boolean, number, RequestOutcome]>([
    ['data without errors', 200, true, 0, 'ok'],
    ['data with errors (a field failed)', 200, true, 1, 'partial'],
    ['no data (the operation failed, or did not validate)', 200, false, 1, 'failed'],
    ['refused before execution (401 from the manager, a bad body)', 401, false, 1, 'rejected'],
    ['a 400 with no result at all', 400, false, 0, 'rejected'],
    ['a 500', 500, false, 1, 'failed'],
  ])('%s: %s', (_name, status, hasData, errors, outcome) => {
    expect(requestOutcome(status, hasData, errors)).toBe(outcome);
  });
});
