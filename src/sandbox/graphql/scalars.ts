/**
 * The manager's custom scalars: parsing that fails as theirs does (`ScopeField`, `ImagePermissionValueField`,
 * `GlobalIDField`, `ContainerRegistryTypeField`, `BigInt`), and serialization (`JSONString`).
 */
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { globalIdFieldValue } from '../python-compat.ts';
import { formatScope, IMAGE_PERMISSIONS, parseScope, type Scope } from '../rbac.ts';

/** The manager's custom scalars: parsing that fails as theirs does, and serialization. */
export function scalars() {
  const stringLiteral = (parse: (value: string) => unknown) => (node: ValueNode) =>
    node.kind === Kind.STRING ? parse(node.value) : undefined;
  const scopeParse = (value: unknown) => parseScope(String(value));
  const permissionParse = (value: unknown) => {
    if (!(IMAGE_PERMISSIONS as readonly unknown[]).includes(value))
      throw new Error(`'${String(value)}' is not a valid ImagePermission`);
    return value;
  };
  const registryTypes = [
    'docker',
    'harbor',
    'harbor2',
    'github',
    'gitlab',
    'ecr',
    'ecr-public',
    'local',
    'ocp',
  ];
  const registryTypeParse = (value: unknown) => {
    if (!registryTypes.includes(String(value)))
      throw new Error(`'${String(value)}' is not a valid ContainerRegistryType`);
    return value;
  };
  const bigIntParse = (value: unknown) => {
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    throw new Error(`BigInt cannot represent non-integer value: ${String(value)}`);
  };
  return {
    ScopeField: new GraphQLScalarType({
      name: 'ScopeField',
      serialize: (value) => formatScope(value as Scope),
      parseValue: scopeParse,
      parseLiteral: stringLiteral(scopeParse),
    }),
    ImagePermissionValueField: new GraphQLScalarType({
      name: 'ImagePermissionValueField',
      serialize: (value) => value,
      parseValue: permissionParse,
      parseLiteral: stringLiteral(permissionParse),
    }),
    GlobalIDField: new GraphQLScalarType({
      name: 'GlobalIDField',
      serialize: (value) => value,
      parseValue: (value) => globalIdFieldValue(String(value)),
      parseLiteral: stringLiteral(globalIdFieldValue),
    }),
    ContainerRegistryTypeField: new GraphQLScalarType({
      name: 'ContainerRegistryTypeField',
      serialize: (value) => value,
      parseValue: registryTypeParse,
      parseLiteral: stringLiteral(registryTypeParse),
    }),
    BigInt: new GraphQLScalarType({
      name: 'BigInt',
      serialize: (value) => value,
      parseValue: bigIntParse,
      parseLiteral: (node) => (node.kind === Kind.INT ? Number(node.value) : undefined),
    }),
    JSONString: new GraphQLScalarType({
      name: 'JSONString',
      serialize: (value) => JSON.stringify(value),
      parseValue: (value) => JSON.parse(String(value)),
      parseLiteral: stringLiteral((value) => JSON.parse(value)),
    }),
  };
}
