import { describe, expect, it } from 'vitest';
import { fieldUnavailable, invalidImageData, upstreamError } from '../../src/errors/index.ts';
import { onTheWire } from './wire.ts';

describe('upstreamError', () => {
  it.each([
    [
      'unreachable',
      'ECONNREFUSED',
      'The legacy manager is unreachable. (ECONNREFUSED)',
      'external-system_request_unreachable',
    ],
    ['unreachable', undefined, 'The legacy manager is unreachable.', 'external-system_request_unreachable'],
    ['timeout', undefined, 'The legacy manager did not answer in time.', 'external-system_request_timeout'],
    [
      'invalid-response',
      undefined,
      'The legacy manager sent a response that is not GraphQL JSON.',
      'external-system_parsing_invalid-data-format',
    ],
    [
      'http-status',
      'HTTP 503',
      'The legacy manager answered with an HTTP error. (HTTP 503)',
      'external-system_request_unavailable',
    ],
    [
      'refused',
      'Credential/signature mismatch.',
      'The legacy manager refused the request. (Credential/signature mismatch.)',
      'api_auth_unauthorized',
    ],
    [
      'circuit-open',
      'retry in 4 s',
      'The legacy manager is unavailable; the gateway stopped calling it after repeated failures. (retry in 4 s)',
      'external-system_request_unavailable',
    ],
  ] as const)('%s (%s)', (kind, detail, message, code) => {
    expect(onTheWire(upstreamError(kind, detail))).toEqual({ message, extensions: { code } });
  });

  it.each([401, 403])("keeps the manager's HTTP %i for a refusal, for Yoga to answer with", (status) => {
    expect(upstreamError('refused', 'Unauthorized access', status).extensions).toEqual({
      code: 'api_auth_unauthorized',
      http: { status },
    });
  });

  it('sets no HTTP status for other faults, even when given one', () => {
    expect(upstreamError('http-status', 'HTTP 503', 503).extensions).toEqual({
      code: 'external-system_request_unavailable',
    });
  });
});

describe('faults in what the legacy manager sent', () => {
  it('names the faulty value of an unreadable legacy image', () => {
    expect(onTheWire(invalidImageData('status "PURGED"'))).toEqual({
      message: 'The legacy manager sent an image value the gateway cannot read. (status "PURGED")',
      extensions: { code: 'external-system_parsing_invalid-data-format' },
    });
  });

  it('gives a field the manager cannot serve a code of its own', () => {
    expect(onTheWire(fieldUnavailable('createdAt'))).toEqual({
      message: 'The legacy manager cannot provide this field. (createdAt)',
      extensions: { code: 'external-system_read_not-implemented' },
    });
  });
});
