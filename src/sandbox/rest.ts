/**
 * The superadmin REST image API that managers 26.3 and later serve (`/admin/images/*`), with the 26.3
 * request and response shapes: `POST /admin/images/search` takes `{filter: {name, architecture}, order,
 * limit (1-1000, default 50), offset}` and answers `{items, pagination: {total, offset, limit}}`;
 * `GET /admin/images/{id}` answers `{item}`. Items carry what the legacy GraphQL API hides: `registry_id`,
 * `created_at` and the custom maximum of each resource limit (null when unlimited).
 */
import { isUuid } from '../relay/index.ts';
import type { SandboxImage, SandboxUser } from './dataset.ts';
import type { ProblemBody } from './errors.ts';
import type { SandboxState } from './graphql-api.ts';
import { binarySize, canonicalOf, mergedResources, tagPairs } from './image-views.ts';

export interface RestRequest {
  method: string;
  path: string;
  body: string;
  caller: SandboxUser;
  state: SandboxState;
}

export interface RestResponse {
  status: number;
  body: unknown;
}

const problem = (status: number, type: string, title: string, msg?: string): RestResponse => {
  const body: ProblemBody = {
    type: `https://api.backend.ai/probs/${type}`,
    title,
    error_code: `api_generic_${type}`,
  };
  if (msg) body.msg = msg;
  return { status, body };
};

const badRequest = (msg: string) =>
  problem(400, 'invalid-parameters', 'Invalid or Missing API Parameters.', msg);

/** Limits as decimal strings: byte sizes written out (`1g` -> `1073741824`), no maximum as null. */
function decimal(value: string): string {
  return /^-?\d+(\.\d+)?$/.test(value) ? value : String(binarySize(value));
}

export function imageItem(image: SandboxImage) {
  return {
    id: image.id,
    name: canonicalOf(image),
    registry: image.registry,
    registry_id: image.registryId,
    project: image.project,
    tag: image.tag,
    architecture: image.architecture,
    size_bytes: image.sizeBytes,
    type: image.type.toLowerCase(),
    status: image.status,
    labels: Object.entries(image.labels).map(([key, value]) => ({ key, value })),
    tags: tagPairs(image.tag),
    resource_limits: Object.entries(mergedResources(image)).map(([key, spec]) => ({
      key,
      min: decimal(spec.min ?? '0'),
      max: spec.max == null ? null : decimal(spec.max),
    })),
    accelerators: image.accelerators,
    config_digest: image.configDigest,
    is_local: image.isLocal,
    created_at: image.createdAt,
  };
}

type StringFilter = Record<string, string | null | undefined>;

const STRING_TESTS: Record<string, (value: string, wanted: string) => boolean> = {
  equals: (v, w) => v === w,
  contains: (v, w) => v.includes(w),
  starts_with: (v, w) => v.startsWith(w),
  ends_with: (v, w) => v.endsWith(w),
};

function matchesStringFilter(value: string, filter: StringFilter | null | undefined): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(([operation, wanted]) => {
    if (wanted == null) return true;
    const insensitive = operation.startsWith('i_');
    const negated = operation.replace(/^i_/, '').startsWith('not_');
    const test = STRING_TESTS[operation.replace(/^i_/, '').replace(/^not_/, '')];
    if (!test) throw new Error(`unknown string filter operation ${operation}`);
    const result = insensitive ? test(value.toLowerCase(), wanted.toLowerCase()) : test(value, wanted);
    return negated ? !result : result;
  });
}

interface SearchBody {
  filter?: { name?: StringFilter | null; architecture?: StringFilter | null } | null;
  order?: { field: string; direction?: string }[] | null;
  limit?: number;
  offset?: number;
}

function search(state: SandboxState, raw: string): RestResponse {
  let body: SearchBody;
  try {
    body = raw ? JSON.parse(raw) : {};
  } catch {
    return badRequest('Malformed JSON body');
  }
  const limit = body.limit ?? 50;
  const offset = body.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    return badRequest('limit: Input should be between 1 and 1000');
  if (!Number.isInteger(offset) || offset < 0)
    return badRequest('offset: Input should be greater than or equal to 0');
  let matching: SandboxImage[];
  try {
    matching = state.dataset.images.filter(
      (image) =>
        matchesStringFilter(canonicalOf(image), body.filter?.name) &&
        matchesStringFilter(image.architecture, body.filter?.architecture),
    );
  } catch (error) {
    return badRequest((error as Error).message);
  }
  const keys: Record<string, (image: SandboxImage) => string> = {
    name: canonicalOf,
    created_at: (image) => image.createdAt,
    last_used: (image) => image.lastUsedAt ?? '\uffff',
  };
  const orders = body.order ?? [];
  for (const order of orders)
    if (!keys[order.field])
      return badRequest(`order.field: Input should be 'name', 'created_at' or 'last_used'`);
  const sorted = [...matching].sort((a, b) => {
    for (const { field, direction } of orders) {
      const key = keys[field] as (image: SandboxImage) => string;
      if (key(a) !== key(b)) return (key(a) < key(b) ? -1 : 1) * (direction === 'desc' ? -1 : 1);
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  return {
    status: 200,
    body: {
      items: sorted.slice(offset, offset + limit).map(imageItem),
      pagination: { total: matching.length, offset, limit },
    },
  };
}

/** The 26.3 `/admin/images` routes and their methods. */
export const REST_ROUTES = [
  { method: 'POST', pattern: /^\/admin\/images\/search$/ },
  { method: 'GET', pattern: /^\/admin\/images\/[^/]+$/ },
];

export function handleRest(request: RestRequest): RestResponse {
  if (request.caller.role !== 'superadmin') {
    return problem(403, 'generic-forbidden', 'Forbidden operation.', 'superadmin privilege required');
  }
  if (request.method === 'POST' && request.path === '/admin/images/search')
    return search(request.state, request.body);
  const id = /^\/admin\/images\/([^/]+)$/.exec(request.path)?.[1];
  if (request.method === 'GET' && id) {
    if (!isUuid(id)) return badRequest(`image_id: Input should be a valid UUID`);
    const image = request.state.imageById(id);
    return image
      ? { status: 200, body: { item: imageItem(image) } }
      : problem(404, 'object-not-found', 'No such environment image.');
  }
  return {
    status: 404,
    body: { type: 'https://api.backend.ai/probs/generic-not-found', title: 'Unknown URL path.' },
  };
}
