/**
 * The compiled-execution plugin on its own, over a small schema in Yoga: which executions run compiled.
 * A compiled answer carries the serialiser compiled with it (`stringify`), which a plugin after it sees.
 */
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { useCompiledExecution } from '../../src/gateway/plugins/compiled-execution.ts';

function server(kept?: number) {
  const runs: string[] = [];
  const observer: Plugin = {
    onExecute: () => ({
      onExecuteDone: ({ result }) => {
        runs.push('stringify' in result ? 'compiled' : 'executor');
      },
    }),
  };
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: 'type Query { a: Int! b: Int! } type Mutation { touch: Int! }',
      resolvers: { Query: { a: async () => 1, b: () => 2 }, Mutation: { touch: () => 3 } },
    }),
    plugins: [useCompiledExecution(kept), observer],
  });
  const ask = async (query: string) => {
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    expect(response.status).toBe(200);
    return runs.at(-1);
  };
  return ask;
}

describe('compiled execution', () => {
  it('runs a query on the executor the first time and compiled from the second', async () => {
    const ask = server();
    expect([await ask('{ a b }'), await ask('{ a b }'), await ask('{ a b }')]).toEqual([
      'executor',
      'compiled',
      'compiled',
    ]);
  });

  it('answers compiled again a query whose compiled form was dropped for newer ones', async () => {
    const ask = server(1);
    await ask('{ a b }');
    expect(await ask('{ a b }')).toBe('compiled');
    await ask('{ b }');
    expect(await ask('{ b }')).toBe('compiled');
    expect(await ask('{ a b }')).toBe('compiled');
  });

  it.each([
    ['a mutation', 'mutation { touch }'],
    ['introspection', '{ a __schema { queryType { name } } }'],
  ])('never compiles %s', async (_name, query) => {
    const ask = server();
    expect([await ask(query), await ask(query), await ask(query)]).toEqual([
      'executor',
      'executor',
      'executor',
    ]);
  });
});
