import type { GraphQLError } from 'graphql';

/** What a client receives for an error thrown by a resolver. */
export const onTheWire = (error: GraphQLError) => JSON.parse(JSON.stringify(error.toJSON()));
