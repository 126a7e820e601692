/**
 * Errors the native ImageV2 API raises too, with its titles and codes, so a client cannot tell whether the
 * gateway or a native manager refused it.
 */
import type { GraphQLError } from 'graphql';
import { ErrorCode } from './codes.ts';
import { backendAIError } from './shape.ts';

/** A bad argument, as the native `InvalidGraphQLParameters`. */
export function invalidParameters(detail: string): GraphQLError {
  return backendAIError('Invalid GraphQL parameters.', ErrorCode.InvalidParameters, detail);
}

/** A malformed pagination cursor, as the native `InvalidCursor` (same code as other bad arguments). */
export function invalidCursor(detail: string): GraphQLError {
  return backendAIError('Invalid cursor format.', ErrorCode.InvalidParameters, detail);
}

/** As the native `ImageNotFound` (`ObjectNotFound` titles read "No such <object>."). */
export function imageNotFound(detail?: string): GraphQLError {
  return backendAIError('No such environment image.', ErrorCode.ImageNotFound, detail);
}

/** As the native `ContainerRegistryNotFound`. */
export function registryNotFound(detail?: string): GraphQLError {
  return backendAIError('No such container_registry.', ErrorCode.RegistryNotFound, detail);
}

/** What a client sees for a fault of the gateway itself; the cause stays in the logs. */
export function internalError(): GraphQLError {
  return backendAIError('Unexpected error.', ErrorCode.InternalError);
}

/**
 * The native `check_admin_only()` refusal of `admin*` fields to anyone but a superadmin: an aiohttp
 * HTTPForbidden (not a BackendAIError), which the native handler reports with its reason and the default
 * code.
 */
export function adminExclusiveAccess(): GraphQLError {
  return backendAIError('Admin exclusive access', ErrorCode.InternalError);
}
