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
  UpstreamRefused: 'api_auth_unauthorized',
  UpstreamFieldUnavailable: 'external-system_read_not-implemented',
  /** A listing larger than the gateway reads for one request (`MAX_GATEWAY_SCAN_ROWS`). */
  ScanLimitExceeded: 'image_list-query_unavailable',
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];
