/**
 * The sandbox's own legacy SDL against the real manager's image SDL, where the reference copy is at hand
 * (../shared): every type, field and argument with the same type, nullability and default.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildASTSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { legacySchemaSDL } from '../../src/sandbox/index.ts';

const REFERENCE = path.resolve(import.meta.dirname, '../../../shared/reference/legacy-image-types.graphql');

const argument = (arg: GraphQLArgument) =>
  `${arg.name}: ${String(arg.type)}${arg.defaultValue === undefined ? '' : ` = ${JSON.stringify(arg.defaultValue)}`}`;
const field = (f: GraphQLField<unknown, unknown>) =>
  `${f.name}(${f.args.map(argument).join(', ')}): ${String(f.type)}`;

/** Each type's members as comparable text: fields with arguments, input fields with defaults, enum values. */
function signatures(schema: GraphQLSchema): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type))
      out.set(type.name, Object.values(type.getFields()).map(field));
    else if (isInputObjectType(type))
      out.set(
        type.name,
        Object.values(type.getFields()).map(
          (f) => `${f.name}: ${String(f.type)} = ${JSON.stringify(f.defaultValue)}`,
        ),
      );
    else if (isEnumType(type))
      out.set(
        type.name,
        type.getValues().map((value) => value.name),
      );
    else out.set(type.name, ['scalar']);
  }
  return out;
}

describe.skipIf(!existsSync(REFERENCE))('the sandbox legacy SDL against the 26.1 reference', () => {
  // Collected even when skipped, so the reference is read only when it is there.
  const reference = existsSync(REFERENCE)
    ? signatures(buildASTSchema(parse(readFileSync(REFERENCE, 'utf8')), { assumeValidSDL: true }))
    : new Map<string, string[]>();
  const sandbox = signatures(buildASTSchema(parse(legacySchemaSDL('26.1'))));

  it.each([...reference.keys()])('%s', (name) => {
    // The reference trims Query and Mutation to their image fields; the sandbox serves those and may serve more.
    const expected = reference.get(name) as string[];
    const actual = sandbox.get(name);
    expect(actual, `${name} is missing`).toBeDefined();
    if (name === 'Query' || name === 'Mutation') expect(actual).toEqual(expect.arrayContaining(expected));
    else expect([...(actual ?? [])].sort()).toEqual([...expected].sort());
  });
});
