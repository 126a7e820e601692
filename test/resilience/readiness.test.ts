import { describe, expect, it } from 'vitest';
import { type ReadinessFacts, readinessVerdict } from '../../src/resilience/index.ts';

const SERVING: ReadinessFacts = {
  schemaLoaded: true,
  shuttingDown: false,
  managerReachable: true,
  circuits: { Legacy: 'closed', LegacyRest: 'closed' },
  essentialSource: 'Legacy',
};

describe('readinessVerdict', () => {
  it.each<[string, Partial<ReadinessFacts>, string[]]>([
    ['ready when everything is fine', {}, []],
    ['ready before the first probe', { managerReachable: null }, []],
    ['ready while the GraphQL circuit probes (half-open)', { circuits: { Legacy: 'half-open' } }, []],
    [
      'ready with the REST circuit open (ImageV2 serves legacy values)',
      { circuits: { Legacy: 'closed', LegacyRest: 'open' } },
      [],
    ],
    ['not ready without a schema', { schemaLoaded: false }, ['the schema is not loaded']],
    ['not ready while shutting down', { shuttingDown: true }, ['the gateway is shutting down']],
    [
      'not ready when the manager is unreachable',
      { managerReachable: false },
      ['the legacy manager is unreachable'],
    ],
    [
      'not ready while the GraphQL circuit is open',
      { circuits: { Legacy: 'open' } },
      ['the circuit to Legacy is open after repeated failures'],
    ],
    [
      'every reason is given',
      { shuttingDown: true, managerReachable: false },
      ['the gateway is shutting down', 'the legacy manager is unreachable'],
    ],
  ])('%s', (_name, facts, reasons) => {
    expect(readinessVerdict({ ...SERVING, ...facts })).toEqual({ ready: reasons.length === 0, reasons });
  });
});
