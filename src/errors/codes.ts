/**
 * The `extensions.code` values the gateway gives, in Backend.AI's `<domain>_<operation>_<detail>` scheme
 * (`ErrorCode` in the manager's `common/exception.py`), so a client handles gateway errors and native ones
 * alike. Codes of errors the native API also raises are copied from the manager's `errors/*.py`; the
 * gateway's own faults (upstream transport, unreadable legacy data) use the native `external-system` domain.
 */

export const ErrorCode = {
  /** `InvalidGraphQLParameters` and `InvalidCursor` alike. */
  InvalidParameters: 'api_generic_invalid-parameters',
  /** `ImageNotFound`. */
  ImageNotFound: 'image_read_not-found',
  /** `ContainerRegistryNotFound`. */
  RegistryNotFound: 'container-registry_read_not-found',
  /**
   * `ErrorCode.default()`: what the native API gives any exception that is not a BackendAIError (the
   * `backendai` domain, not `api`).
   */
  InternalError: 'backendai_generic_internal-error',
  UpstreamUnreachable: 'external-system_request_unreachable',
  UpstreamTimeout: 'external-system_request_timeout',
  /** The legacy manager's answer, or a value in it, cannot be read. */
  UpstreamInvalidResponse: 'external-system_parsing_invalid-data-format',
  UpstreamHttpError: 'external-system_request_unavailable',
  /**
   * The gateway did not call the manager: its circuit is open after repeated failures (the same code as an
   * unavailable manager, which is what a client needs to know: try again later).
   */
  UpstreamCircuitOpen: 'external-system_request_unavailable',
  UpstreamRefused: 'api_auth_unauthorized',
  UpstreamFieldUnavailable: 'external-system_read_not-implemented',
  /** `MalformedRequestBody`: a body that is not a GraphQL request (invalid JSON, not an object, no query). */
  MalformedRequest: 'api_parsing_bad-request',
  /** A body or batch larger than the gateway accepts (HTTP 413). */
  RequestTooLarge: 'api_check-limit_bad-request',
  /** A query past one of the gateway's limits: depth, tokens, aliases, root fields, directives. */
  QueryLimitExceeded: 'api_check-limit_invalid-parameters',
  /** Introspection while it is switched off, as the manager's `CustomIntrospectionRule`. */
  IntrospectionDisabled: 'api_access_forbidden',
  /** A request a browser could have sent cross-site without a preflight (CSRF prevention). */
  CrossSiteRequestRefused: 'api_request_forbidden',
  /** A listing larger than the gateway reads for one request (`MAX_GATEWAY_SCAN_ROWS`). */
  ScanLimitExceeded: 'image_list-query_unavailable',
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];
