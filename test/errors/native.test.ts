import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  adminExclusiveAccess,
  imageNotFound,
  internalError,
  invalidCursor,
  invalidParameters,
  registryNotFound,
} from '../../src/errors/index.ts';
import { onTheWire } from './wire.ts';

describe('errors the native API raises too, in its shape', () => {
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
    ['admin only', adminExclusiveAccess(), 'Admin exclusive access', 'backendai_generic_internal-error'],
  ])('%s', (_name, error, message, code) => {
    expect(error).toBeInstanceOf(GraphQLError);
    expect(onTheWire(error)).toEqual({ message, extensions: { code } });
  });
});
