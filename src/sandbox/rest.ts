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
import type { SandboxImage, SandboxUser } from './dataset.ts';
import { ManagerError } from './errors.ts';
import type { SandboxState } from './graphql-api.ts';
import { mergedResources, supportedAccelerators, tagPairs } from './image-views.ts';
import { PythonError, pythonUuid } from './python-compat.ts';

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

/** pydantic's `ValidationError` text, which the manager puts in `msg`. */
function validationError(model: string, errors: { loc: string; msg: string; type: string; input: string }[]) {
  const lines = [`${errors.length} validation error${errors.length === 1 ? '' : 's'} for ${model}`];
  for (const error of errors) {
    lines.push(
      error.loc,
      `  ${error.msg} [type=${error.type}, input_value=${error.input}, input_type=${inputType(error.input)}]`,
    );
    lines.push(`    For further information visit https://errors.pydantic.dev/2.11/v/${error.type}`);
  }
  return new ManagerError('invalidParameters', lines.join('\n'));
}

function inputType(repr: string): string {
  if (repr.startsWith("'")) return 'str';
  if (repr.startsWith('{')) return 'dict';
  if (repr.startsWith('[')) return 'list';
  if (repr === 'None') return 'NoneType';
  if (repr === 'True' || repr === 'False') return 'bool';
  return repr.includes('.') ? 'float' : 'int';
}

function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return `'${value.replaceAll("'", "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`)
      .join(', ')}}`;
  return String(value);
}

/** pydantic's (lax) int: an int, a whole float, or a string of digits. */
function laxInt(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return Number(value);
  return null;
}

const STRING_OPERATIONS = [
  'equals',
  'i_equals',
  'not_equals',
  'i_not_equals',
  'contains',
  'i_contains',
  'not_contains',
  'i_not_contains',
  'starts_with',
  'i_starts_with',
  'not_starts_with',
  'i_not_starts_with',
  'ends_with',
  'i_ends_with',
  'not_ends_with',
  'i_not_ends_with',
] as const;

type StringFilter = Partial<Record<(typeof STRING_OPERATIONS)[number], string | null>>;

interface SearchRequest {
  name: StringFilter | null;
  architecture: StringFilter | null;
  order: { field: 'name' | 'created_at' | 'last_used'; direction: 'asc' | 'desc' }[];
  limit: number;
  offset: number;
}

function readSearchRequest(raw: unknown): SearchRequest {
  const errors: Parameters<typeof validationError>[1] = [];
  const body = (raw ?? {}) as Record<string, unknown>;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw validationError('SearchImagesRequest', [
      {
        loc: '',
        msg: 'Input should be a valid dictionary or instance of SearchImagesRequest',
        type: 'model_type',
        input: pyRepr(raw),
      },
    ]);
  }
  const stringFilter = (loc: string, value: unknown): StringFilter | null => {
    if (value == null) return null;
    if (typeof value !== 'object' || Array.isArray(value)) {
      errors.push({
        loc,
        msg: 'Input should be a valid dictionary or instance of StringFilter',
        type: 'model_type',
        input: pyRepr(value),
      });
      return null;
    }
    const filter: StringFilter = {};
    for (const operation of STRING_OPERATIONS) {
      const operand = (value as Record<string, unknown>)[operation];
      if (operand == null) continue;
      if (typeof operand !== 'string')
        errors.push({
          loc: `${loc}.${operation}`,
          msg: 'Input should be a valid string',
          type: 'string_type',
          input: pyRepr(operand),
        });
      else filter[operation] = operand;
    }
    return filter;
  };
  const filter = body.filter as Record<string, unknown> | null | undefined;
  if (filter != null && (typeof filter !== 'object' || Array.isArray(filter)))
    errors.push({
      loc: 'filter',
      msg: 'Input should be a valid dictionary or instance of ImageFilter',
      type: 'model_type',
      input: pyRepr(filter),
    });
  const name = stringFilter('filter.name', filter?.name);
  const architecture = stringFilter('filter.architecture', filter?.architecture);
  const order: SearchRequest['order'] = [];
  if (body.order != null) {
    if (!Array.isArray(body.order))
      errors.push({
        loc: 'order',
        msg: 'Input should be a valid list',
        type: 'list_type',
        input: pyRepr(body.order),
      });
    else
      body.order.forEach((item: { field?: unknown; direction?: unknown }, index) => {
        const field = item?.field;
        const direction = item?.direction ?? 'asc';
        if (field !== 'name' && field !== 'created_at' && field !== 'last_used')
          errors.push({
            loc: `order.${index}.field`,
            msg: "Input should be 'name', 'created_at' or 'last_used'",
            type: 'enum',
            input: pyRepr(field),
          });
        else if (direction !== 'asc' && direction !== 'desc')
          errors.push({
            loc: `order.${index}.direction`,
            msg: "Input should be 'asc' or 'desc'",
            type: 'enum',
            input: pyRepr(direction),
          });
        else order.push({ field, direction });
      });
  }
  const limit = body.limit === undefined ? 50 : laxInt(body.limit);
  if (limit === null)
    errors.push({
      loc: 'limit',
      msg: 'Input should be a valid integer',
      type: 'int_type',
      input: pyRepr(body.limit),
    });
  else if (limit < 1)
    errors.push({
      loc: 'limit',
      msg: 'Input should be greater than or equal to 1',
      type: 'greater_than_equal',
      input: pyRepr(body.limit),
    });
  else if (limit > 1000)
    errors.push({
      loc: 'limit',
      msg: 'Input should be less than or equal to 1000',
      type: 'less_than_equal',
      input: pyRepr(body.limit),
    });
  const offset = body.offset === undefined ? 0 : laxInt(body.offset);
  if (offset === null)
    errors.push({
      loc: 'offset',
      msg: 'Input should be a valid integer',
      type: 'int_type',
      input: pyRepr(body.offset),
    });
  else if (offset < 0)
    errors.push({
      loc: 'offset',
      msg: 'Input should be greater than or equal to 0',
      type: 'greater_than_equal',
      input: pyRepr(body.offset),
    });
  if (errors.length > 0) throw validationError('SearchImagesRequest', errors);
  return { name, architecture, order, limit: limit as number, offset: offset as number };
}

/** SQL LIKE with the value as given (its `%` and `_` stay wildcards, as the manager builds the pattern). */
function like(value: string, pattern: string, caseInsensitive: boolean): boolean {
  const source = pattern
    .split('')
    .map((char) => (char === '%' ? '.*' : char === '_' ? '.' : char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's').test(value);
}

/** `convert_string_filter`: the first operation set decides. */
function stringFilterTest(filter: StringFilter | null): (value: string) => boolean {
  const operation = filter ? STRING_OPERATIONS.find((candidate) => filter[candidate] != null) : undefined;
  if (!filter || !operation) return () => true;
  const operand = filter[operation] as string;
  const insensitive = operation.startsWith('i_');
  const negated = operation.includes('not_');
  const kind = operation.replace(/^i_/, '').replace(/^not_/, '');
  const test = (value: string): boolean => {
    switch (kind) {
      case 'equals':
        return insensitive ? value.toLowerCase() === operand.toLowerCase() : value === operand;
      case 'contains':
        return like(value, `%${operand}%`, insensitive);
      case 'starts_with':
        return like(value, `${operand}%`, insensitive);
      default:
        return like(value, `%${operand}`, insensitive);
    }
  };
  return negated ? (value) => !test(value) : test;
}

/** pydantic's JSON for a UTC datetime: seconds, microseconds only when there are some, and `Z`. */
function pydanticDatetime(iso: string | null): string | null {
  if (iso === null) return null;
  const date = new Date(iso);
  const millis = date.getUTCMilliseconds();
  const base = date.toISOString().slice(0, 19);
  return millis ? `${base}.${String(millis * 1000).padStart(6, '0')}Z` : `${base}Z`;
}

/** pydantic's Decimal from a limit string, or the failure that turns the response into a 500. */
function decimal(value: string): string {
  if (!/^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(value))
    throw new ManagerError('internalServerError');
  return value.trim();
}

type ImageDto = Record<string, unknown>;

/** `convert_to_dto` (search): the stored row, limits as `ImageData.resource_limits` gives them. */
function searchItem(image: SandboxImage): ImageDto {
  return {
    ...commonItem(image),
    name: image.name,
    project: image.project,
    resource_limits: Object.entries(mergedResources(image)).map(([key, spec]) => {
      // `_convert_max(None)` fails: only a custom maximum gets through.
      if (spec.max == null) throw new ManagerError('internalServerError');
      return { key, min: decimal(spec.min ?? '0'), max: decimal(spec.max) };
    }),
    accelerators: image.accelerators,
    config_digest: image.configDigest,
  };
}

/** `convert_detailed_to_dto` (get): the detailed view, whose maximum is always Infinity (null). */
function detailedItem(image: SandboxImage): ImageDto {
  return {
    ...commonItem(image),
    name: image.image,
    project: image.project ?? '',
    resource_limits: Object.entries(mergedResources(image)).map(([key, spec]) => ({
      key,
      min: decimal(spec.min ?? '0'),
      max: null,
    })),
    accelerators: supportedAccelerators(image).join(','),
    config_digest: image.configDigest.trim(),
  };
}

function commonItem(image: SandboxImage): ImageDto {
  return {
    id: image.id,
    registry: image.registry,
    registry_id: image.registryId,
    tag: image.tag,
    architecture: image.architecture,
    size_bytes: image.sizeBytes,
    type: image.type.toLowerCase(),
    status: image.status,
    labels: Object.entries(image.labels).map(([key, value]) => ({ key, value })),
    tags: tagPairs(image.tag),
    is_local: image.isLocal,
    created_at: pydanticDatetime(image.createdAt),
  };
}

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
