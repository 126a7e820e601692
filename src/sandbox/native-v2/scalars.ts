/**
 * Strawberry's `UUID` and `DateTime` scalars: values written as given (UUIDs canonical, times already in
 * Python's isoformat), inputs read with `uuid.UUID` and `datetime.fromisoformat` and refused with
 * strawberry's `Value cannot represent a <type>: "<value>". <reason>`.
 */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { PythonError, pythonUuid } from '../python-compat.ts';
import { IsoformatError, parseIsoformat } from './datetimes.ts';

/** strawberry's `wrap_parser`: the parser's ValueError as a GraphQL error naming the type and value. */
function wrapParser<T>(parser: (text: string) => T, typeName: string) {
  return (value: unknown): T => {
    try {
      if (typeof value !== 'string') throw new PythonError(`expected a string, got ${JSON.stringify(value)}`);
      return parser(value);
    } catch (error) {
      if (error instanceof PythonError || error instanceof IsoformatError)
        throw new GraphQLError(`Value cannot represent a ${typeName}: "${String(value)}". ${error.message}`);
      throw error;
    }
  };
}

function literal<T>(parse: (value: unknown) => T) {
  return (node: ValueNode): T => parse(node.kind === Kind.STRING ? node.value : undefined);
}

const parseUuid = wrapParser(pythonUuid, 'UUID');
const parseDateTime = wrapParser(parseIsoformat, 'DateTime');

/** UUIDs in and out as canonical text. */
export const UUIDScalar = new GraphQLScalarType({
  name: 'UUID',
  serialize: (value) => String(value),
  parseValue: parseUuid,
  parseLiteral: literal(parseUuid),
});

/** Times out as the resolvers wrote them (Python isoformat); in as milliseconds since the epoch. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'Date with time (isoformat)',
  serialize: (value) => String(value),
  parseValue: parseDateTime,
  parseLiteral: literal(parseDateTime),
});
