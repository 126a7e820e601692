/**
 * The errors the native API's image resolvers raise, as a client reads them: the message is the Python
 * exception's `str()` (`<title> (<detail>)` for the manager's own errors, the bare text for Python ones,
 * the first line of SQLAlchemy's text for database errors), and from 26.4 on `GQLExceptionHandlerExtension`
 * adds `extensions.code`: the error's code for the manager's own errors, the generic internal-error code
 * for anything else (a `ValueError`, aiohttp's `HTTPForbidden`). 26.2 has no such extension.
 */
import { GraphQLError } from 'graphql';
import { PythonError } from '../python-compat.ts';
import { IsoformatError } from './datetimes.ts';
import { LikePatternError } from './string-filter.ts';

const INVALID_PARAMETERS = 'api_generic_invalid-parameters';
const INTERNAL_ERROR = 'backendai_generic_internal-error';

/** An error a native resolver raises, with the code 26.4+ attaches to it. */
export class NativeError extends Error {
  override name = 'NativeError';

  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** `InvalidGraphQLParameters(detail)`. */
export const invalidParameters = (detail: string) =>
  new NativeError(`Invalid GraphQL parameters. (${detail})`, INVALID_PARAMETERS);

/** `InvalidCursor(detail)`: the same code as invalid parameters. */
export const invalidCursor = (detail: string) =>
  new NativeError(`Invalid cursor format. (${detail})`, INVALID_PARAMETERS);

/** `check_admin_only()`'s `web.HTTPForbidden(reason="Admin exclusive access")`: not a BackendAIError. */
export const adminOnly = () => new NativeError('Admin exclusive access', INTERNAL_ERROR);

/** A Python exception that escapes the resolver (`ValueError` of `uuid.UUID`, `InvalidImageTag`). */
export const pythonException = (message: string) => new NativeError(message, INTERNAL_ERROR);

/** What the database driver raised, as SQLAlchemy's first line shows it. */
export const databaseError = (message: string) => new NativeError(message, INTERNAL_ERROR);

/** Any error a resolver threw, as the release reports it. */
export function asNativeError(error: unknown): NativeError | null {
  if (error instanceof NativeError) return error;
  if (error instanceof PythonError || error instanceof IsoformatError) return pythonException(error.message);
  if (error instanceof LikePatternError)
    return databaseError(
      `(sqlalchemy.dialects.postgresql.asyncpg.Error) <class 'asyncpg.exceptions.InvalidEscapeSequenceError'>: ${error.message}`,
    );
  return null;
}

/** The GraphQL error a client gets: the message, and the code only where the release adds codes. */
export function toGraphQLError(error: NativeError, withCode: boolean): GraphQLError {
  return new GraphQLError(error.message, withCode ? { extensions: { code: error.code } } : {});
}
