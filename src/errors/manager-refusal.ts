/**
 * A manager's HTTP-level refusal of a caller: it refused the request before GraphQL ran (bad or missing
 * credentials, a stale date, an API version it does not know, too many requests) and answered with a
 * problem body (`type`, `title`, `msg`). The gateway relays such a refusal to the client as it is, status
 * and body, so a client reads the same answer as without the gateway.
 */

export interface ManagerRefusal {
  status: number;
  contentType: string;
  body: string;
}

/** Statuses with which a manager refuses a caller's request as a whole. */
const REFUSAL_STATUSES = new Set([400, 401, 403, 429]);

function isProblemBody(body: unknown): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const record = body as Record<string, unknown>;
  if ('data' in record || 'errors' in record) return false;
  return typeof record.title === 'string' || typeof record.type === 'string';
}

/** The refusal an upstream answer is, or null when it is anything else (a GraphQL answer, a fault). */
export function managerRefusalOf(
  status: number,
  contentType: string | null,
  body: string,
): ManagerRefusal | null {
  if (!REFUSAL_STATUSES.has(status)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (!isProblemBody(parsed)) return null;
  return { status, contentType: contentType ?? 'application/problem+json', body };
}
