/**
 * Request ids: a client's `x-request-id` is kept when it is well formed, so a client's id follows the
 * request through the gateway's logs and on to the manager. Anything else (too long, or with characters
 * that could forge a log line or a header) is replaced by an id the gateway makes.
 */

const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export const REQUEST_ID_HEADER = 'x-request-id';

/** The client's id when it is well formed (1 to 128 of letters, digits and `._:-`), else null. */
export function acceptedRequestId(header: string | null | undefined): string | null {
  return header && WELL_FORMED.test(header) ? header : null;
}
