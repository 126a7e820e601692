/**
 * What `maskError` lets through. Outside production (`NODE_ENV` not `production`) Mesh replaces an error
 * by a copy without its cause and puts the cause's name, message and stack in `extensions.originalError`;
 * the gateway reads the cause there too, so a fault of its own is masked in every mode instead of showing
 * its message (a JavaScript error's text reached clients that way before).
 */
import { GraphQLError, locatedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { maskError } from '../../src/gateway/error-masking.ts';

/** An error as Mesh passes it on outside production. */
function stashedByMesh(message: string, cause: { name: string; message: string }) {
  return new GraphQLError(message, {
    path: ['imagesV2'],
    extensions: { originalError: { ...cause, stack: `${cause.name}: ${cause.message}\n    at x.ts:1:1` } },
  });
}

describe('maskError', () => {
  it.each([
    [
      'a JavaScript error whose cause Mesh moved into extensions',
      stashedByMesh('GraphQLError is not defined', {
        name: 'ReferenceError',
        message: 'GraphQLError is not defined',
      }),
      { message: 'Unexpected error.', extensions: { code: 'backendai_generic_internal-error' } },
    ],
    [
      'an upstream timeout whose cause Mesh moved into extensions',
      stashedByMesh('The operation was aborted due to timeout', { name: 'TimeoutError', message: 'timeout' }),
      {
        message: 'The legacy manager did not answer in time.',
        extensions: { code: 'external-system_request_timeout' },
      },
    ],
    [
      "the manager's own GraphQL error",
      new GraphQLError("Cannot fetch a page larger than 20. Set 'first' or 'last' to a smaller integer."),
      {
        message: "Cannot fetch a page larger than 20. Set 'first' or 'last' to a smaller integer.",
        extensions: {},
      },
    ],
    [
      'a deliberate error of the gateway',
      locatedError(
        new GraphQLError('Invalid GraphQL parameters. (first must be positive, got 0)', {
          extensions: { code: 'api_generic_invalid-parameters' },
        }),
        undefined,
        ['imagesV2'],
      ),
      {
        message: 'Invalid GraphQL parameters. (first must be positive, got 0)',
        extensions: { code: 'api_generic_invalid-parameters' },
      },
    ],
    [
      'a size the native Int! cannot represent (V2_SIZE_BYTES=Int), as graphql-tools rethrows it',
      locatedError(new Error('Int cannot represent non 32-bit signed integer value: 8693580848'), undefined, [
        'imageV2',
        'metadata',
        'sizeBytes',
      ]),
      { message: 'Int cannot represent non 32-bit signed integer value: 8693580848', extensions: {} },
    ],
    [
      'the same, with its cause moved into extensions by Mesh',
      stashedByMesh('Int cannot represent non 32-bit signed integer value: 8693580848', {
        name: 'Error',
        message: 'Int cannot represent non 32-bit signed integer value: 8693580848',
      }),
      { message: 'Int cannot represent non 32-bit signed integer value: 8693580848', extensions: {} },
    ],
  ])('shows %s as the client may see it', (_name, error, expected) => {
    const masked = maskError(error) as GraphQLError;
    expect({ message: masked.message, extensions: masked.extensions }).toEqual(expected);
    expect(JSON.stringify(masked)).not.toMatch(/stack|originalError|x\.ts/);
  });
});
