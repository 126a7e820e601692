/**
 * `SearchImagesRequest` as pydantic validates it: `{filter?: {name?, architecture?}, order?: [{field,
 * direction}], limit (1-1000, default 50), offset (>= 0, default 0)}`, every problem reported at once.
 */
import { laxInt, type PydanticError, pyRepr, validationError } from './pydantic.ts';
import { STRING_OPERATIONS, type StringFilter } from './string-filter.ts';

export interface SearchRequest {
  name: StringFilter | null;
  architecture: StringFilter | null;
  order: { field: 'name' | 'created_at' | 'last_used'; direction: 'asc' | 'desc' }[];
  limit: number;
  offset: number;
}

export function readSearchRequest(raw: unknown): SearchRequest {
  const errors: PydanticError[] = [];
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
