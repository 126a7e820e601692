/**
 * Whether an upstream call only reads, so that trying it again cannot change anything. Decided from what
 * goes on the wire, and on the safe side: anything not recognised as a read counts as a write.
 */

/** `{"query": "...", ...}` whose document holds a query and no mutation or subscription. */
export function isReadOnlyGraphQLBody(body: unknown): boolean {
  if (typeof body !== 'string') return false;
  let query: unknown;
  try {
    query = (JSON.parse(body) as { query?: unknown } | null)?.query;
  } catch {
    return false;
  }
  if (typeof query !== 'string') return false;
  // The word anywhere (a second operation, a string, a comment) makes it a write: a read that is not
  // retried costs an error, a write that is retried may be applied twice.
  if (/\b(mutation|subscription)\b/.test(query)) return false;
  return /^\s*(\{|query\b)/.test(query);
}

/**
 * A REST call: GET and HEAD read, and so does POST to a `search` path (the manager's REST searches, such as
 * `POST /admin/images/search`, take their filter as a body).
 */
export function isReadOnlyRestCall(method: string, path: string): boolean {
  const verb = method.toUpperCase();
  if (verb === 'GET' || verb === 'HEAD') return true;
  return verb === 'POST' && /\/search\/?$/.test(path);
}
