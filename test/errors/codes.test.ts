import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors/index.ts';

// Values of the manager's ErrorDomain, ErrorOperation and ErrorDetail enums (common/exception.py) that the
// gateway's codes may use; a code outside them would be one no native client knows how to read.
const DOMAINS = ['backendai', 'api', 'auth', 'image', 'container-registry', 'external-system'];
const OPERATIONS = ['generic', 'access', 'read', 'list-query', 'auth', 'request', 'parsing', 'check-limit'];
const DETAILS = [
  'bad-request',
  'not-found',
  'invalid-parameters',
  'unauthorized',
  'forbidden',
  'invalid-data-format',
  'internal-error',
  'unavailable',
  'unreachable',
  'timeout',
  'not-implemented',
];

describe('ErrorCode', () => {
  it.each(Object.entries(ErrorCode))('%s (%s) is a native <domain>_<operation>_<detail>', (_name, code) => {
    const [domain, operation, detail, ...rest] = code.split('_');
    expect(rest).toEqual([]);
    expect(DOMAINS).toContain(domain);
    expect(OPERATIONS).toContain(operation);
    expect(DETAILS).toContain(detail);
  });
});
