/**
 * The superadmin REST image API of 26.3 (`/admin/images/*`), with 26.3.0's request and response shapes:
 *
 * - `POST /admin/images/search` takes `{filter?: {name?, architecture?}, order?: [{field, direction}],
 *   limit (1-1000, default 50), offset (>= 0, default 0)}` and answers `{items, pagination: {total, offset,
 *   limit}}`. Filters are `StringFilter`s, of which only the first operation set counts (equals, i_equals,
 *   not_equals, i_not_equals, then the contains, starts_with and ends_with families), as LIKE patterns;
 *   every status is listed; without `order` the database's order (the sandbox's row order) applies;
 * - `GET /admin/images/{id}` answers `{item}` for an ALIVE image.
 *
 * Items carry what the legacy GraphQL API hides: `registry_id`, `created_at` and the custom maximum of each
 * resource limit. As in 26.3.0, the conversion to the response model fails (a 500) for an item whose
 * limits are not all decimal numbers: on search any limit without a maximum, on both a minimum such as
 * `256m`. GET names the image by its namespace and trims the digest; search gives the canonical name and
 * the stored, padded digest. Other `/admin/images` routes answer that the sandbox does not implement them.
 */
import type { SandboxImage, SandboxUser } from '../data/types.ts';
import { ManagerError } from '../errors.ts';
import { PythonError, pythonUuid } from '../python-compat.ts';
import type { SandboxState } from '../state.ts';
import { detailedItem, searchItem } from './image-items.ts';
import { pyRepr, validationError } from './pydantic.ts';
import { readSearchRequest } from './search-request.ts';
import { stringFilterTest } from './string-filter.ts';

export interface RestRequest {
  method: string;
  path: string;
  /** The request URL as the manager sees it, for its error messages. */
  url: string;
  body: string;
  caller: SandboxUser;
  state: SandboxState;
}

export interface RestResponse {
  status: number;
  body: unknown;
}

/** The 26.3 `/admin/images` routes and their methods. */
export const REST_ROUTES = [
  { method: 'POST', pattern: /^\/admin\/images\/(search|rescan|alias|dealias|forget|purge)$/ },
  { method: 'GET', pattern: /^\/admin\/images\/[^/]+$/ },
];

function search(request: RestRequest): RestResponse {
  const malformed = new ManagerError(
    'malformedRequestBody',
    `Malformed body - URL: ${request.url}, Method: POST`,
  );
  if (request.body === '') throw malformed;
  let raw: unknown;
  try {
    raw = JSON.parse(request.body);
  } catch {
    throw malformed;
  }
  const query = readSearchRequest(raw);
  const nameMatches = stringFilterTest(query.name);
  const architectureMatches = stringFilterTest(query.architecture);
  const matching = request.state.dataset.images.filter(
    (image) => nameMatches(image.name) && architectureMatches(image.architecture),
  );
  const keys = {
    name: (image: SandboxImage) => image.name,
    created_at: (image: SandboxImage) => image.createdAt,
    last_used: (image: SandboxImage) => image.lastUsedAt,
  };
  // A stable sort over the row order: rows the order leaves tied stay as the table has them.
  const sorted = [...matching].sort((a, b) => {
    for (const { field, direction } of query.order) {
      const [left, right] = [keys[field](a), keys[field](b)];
      if (left === right) continue;
      const descending = direction === 'desc';
      if (left === null) return descending ? -1 : 1;
      if (right === null) return descending ? 1 : -1;
      return (left < right ? -1 : 1) * (descending ? -1 : 1);
    }
    return 0;
  });
  return {
    status: 200,
    body: {
      items: sorted.slice(query.offset, query.offset + query.limit).map(searchItem),
      pagination: { total: matching.length, offset: query.offset, limit: query.limit },
    },
  };
}

function getImage(request: RestRequest, rawId: string): RestResponse {
  let id: string;
  try {
    id = pythonUuid(rawId);
  } catch (error) {
    if (!(error instanceof PythonError)) throw error;
    throw validationError('GetImagePathParam', [
      { loc: 'image_id', msg: 'Input should be a valid UUID', type: 'uuid_parsing', input: pyRepr(rawId) },
    ]);
  }
  const image = request.state.images.getWithStatus(id);
  if (!image) throw new ManagerError('imageNotFound');
  return { status: 200, body: { item: detailedItem(image) } };
}

/** A request that passed authentication; a non-superadmin is refused here. */
export function handleRest(request: RestRequest): RestResponse {
  if (request.caller.role !== 'superadmin')
    throw new ManagerError('genericForbidden', 'Insufficient privileges');
  if (request.method === 'POST' && request.path === '/admin/images/search') return search(request);
  const id = /^\/admin\/images\/([^/]+)$/.exec(request.path)?.[1];
  if (request.method === 'GET' && id) return getImage(request, decodeURIComponent(id));
  throw new ManagerError(
    'notImplemented',
    `The sandbox manager does not implement ${request.method} ${request.path}.`,
  );
}
