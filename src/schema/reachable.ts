/**
 * Which named types a part of a schema needs: the types reachable from some root fields and some whole
 * types, through field types, arguments, interfaces, union members and input fields. Used to cut a schema
 * down to a part that still stands on its own (the federation subgraph, a diff's footprint).
 */
import {
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
} from 'graphql';

export interface Starting {
  /** Types needed whole, with every field. */
  types: Iterable<string>;
  /** Fields of object types needed without the rest of their type (root fields). */
  fields: Iterable<{ type: string; field: string }>;
}

function fieldTypes(field: GraphQLField<unknown, unknown>): GraphQLNamedType[] {
  return [getNamedType(field.type), ...field.args.map((arg) => getNamedType(arg.type))];
}

function referencedBy(type: GraphQLNamedType): GraphQLNamedType[] {
  if (isObjectType(type) || isInterfaceType(type)) {
    return [...Object.values(type.getFields()).flatMap(fieldTypes), ...type.getInterfaces()];
  }
  if (isUnionType(type)) return [...type.getTypes()];
  if (isInputObjectType(type))
    return Object.values(type.getFields()).map((field) => getNamedType(field.type));
  return [];
}

/** Names of the types `starting` needs, in the order they were reached; unknown names are skipped. */
export function reachableTypeNames(schema: GraphQLSchema, starting: Starting): string[] {
  const reached = new Set<string>();
  const queue: GraphQLNamedType[] = [];
  const visit = (type: GraphQLNamedType | undefined | null) => {
    if (!type || reached.has(type.name) || type.name.startsWith('__')) return;
    reached.add(type.name);
    queue.push(type);
  };
  for (const name of starting.types) visit(schema.getType(name));
  for (const { type, field } of starting.fields) {
    const owner = schema.getType(type);
    const definition = isObjectType(owner) ? owner.getFields()[field] : undefined;
    if (definition) for (const named of fieldTypes(definition)) visit(named);
  }
  for (let next = queue.shift(); next; next = queue.shift()) {
    for (const named of referencedBy(next)) visit(named);
  }
  return [...reached];
}
