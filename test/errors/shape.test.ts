import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors/index.ts';
import { backendAIError, withDetail } from '../../src/errors/shape.ts';
import { onTheWire } from './wire.ts';

describe('withDetail', () => {
  it.each([
    [
      'Invalid GraphQL parameters.',
      'first must be positive, got 0',
      'Invalid GraphQL parameters. (first must be positive, got 0)',
    ],
    ['No such environment image.', undefined, 'No such environment image.'],
    // `str(BackendAIError)` tests the detail for truth: an empty one adds nothing.
    ['No such environment image.', '', 'No such environment image.'],
  ])('%j + %j -> %j', (title, detail, message) => expect(withDetail(title, detail)).toBe(message));
});

describe('backendAIError', () => {
  it('gives the message and the code, nothing else, on the wire', () => {
    const error = backendAIError('Invalid GraphQL parameters.', ErrorCode.InvalidParameters, 'x');
    expect(error).toBeInstanceOf(GraphQLError);
    expect(onTheWire(error)).toEqual({
      message: 'Invalid GraphQL parameters. (x)',
      extensions: { code: 'api_generic_invalid-parameters' },
    });
  });

  it('adds extra extensions beside the code', () => {
    const error = backendAIError('t', ErrorCode.UpstreamRefused, undefined, { http: { status: 401 } });
    expect(error.extensions).toEqual({ code: 'api_auth_unauthorized', http: { status: 401 } });
  });
});
