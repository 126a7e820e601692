import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  ErrorCode,
  fieldUnavailable,
  imageNotFound,
  internalError,
  invalidCursor,
  invalidImageData,
  invalidParameters,
  registryNotFound,
  upstreamError,
} from '../../src/errors/index.ts';

/** What a client receives for an error thrown by a resolver. */
const onTheWire = (error: GraphQLError) => JSON.parse(JSON.stringify(error.toJSON()));

describe('errors in the native shape', () => {
  it.each([
    [
      'invalid parameters',
      invalidParameters('first must be positive, got 0'),
      'Invalid GraphQL parameters. (first must be positive, got 0)',
      'api_generic_invalid-parameters',
    ],
    [
      'invalid cursor',
      invalidCursor('Invalid cursor format: abc'),
      'Invalid cursor format. (Invalid cursor format: abc)',
      'api_generic_invalid-parameters',
    ],
    ['image not found', imageNotFound(), 'No such environment image.', 'image_read_not-found'],
    [
      'image not found with a detail',
      imageNotFound('id 42'),
      'No such environment image. (id 42)',
      'image_read_not-found',
    ],
    [
      'registry not found',
      registryNotFound('cr.backend.ai/stable'),
      'No such container_registry. (cr.backend.ai/stable)',
      'container-registry_read_not-found',
    ],
    ['internal error', internalError(), 'Unexpected error.', 'backendai_generic_internal-error'],
  ])('%s', (_name, error, message, code) => {
    expect(error).toBeInstanceOf(GraphQLError);
    expect(onTheWire(error)).toEqual({ message, extensions: { code } });
  });

  it('names the faulty value of an unreadable legacy image', () => {
    expect(onTheWire(invalidImageData('status "PURGED"'))).toEqual({
      message: 'The legacy manager sent an image value the gateway cannot read. (status "PURGED")',
      extensions: { code: 'external-system_parsing_invalid-data-format' },
    });
  });
});

describe('upstreamError', () => {
  it.each([
    ['unreachable', 'ECONNREFUSED', ErrorCode.UpstreamUnreachable],
    ['timeout', undefined, ErrorCode.UpstreamTimeout],
    ['invalid-response', undefined, ErrorCode.UpstreamInvalidResponse],
    ['http-status', 'HTTP 502', ErrorCode.UpstreamHttpError],
  ] as const)('%s carries its own code and no HTTP status', (kind, detail, code) => {
    const error = upstreamError(kind, detail);
    expect(error.extensions).toEqual({ code });
    if (detail) expect(error.message).toMatch(new RegExp(`\\(${detail}\\)$`));
  });

  it("keeps the manager's status for a refusal", () => {
    expect(upstreamError('refused', 'Unauthorized access', 401).extensions).toEqual({
      code: 'api_auth_unauthorized',
      http: { status: 401 },
    });
  });

  it('gives a field the manager cannot serve a code of its own', () => {
    expect(fieldUnavailable('createdAt').extensions.code).toBe('external-system_read_not-implemented');
  });
});
