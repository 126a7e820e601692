import { buildASTSchema, type DocumentNode, Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { reachableTypeNames } from '../../src/schema/reachable.ts';
import { restrictToReference } from '../../src/schema-diff/index.ts';

const SERVED = buildASTSchema(
  parse(/* GraphQL */ `
    schema {
      query: Queries
      mutation: Mutations
    }
    directive @own on FIELD_DEFINITION
    interface Node {
      id: ID!
    }
    type ImageV2 implements Node {
      id: ID!
      tags(filter: TagFilter): [Tag!]!
    }
    input TagFilter {
      key: String
    }
    type Tag {
      key: String!
    }
    union Result = ImageV2 | Other
    type Other {
      text: String
    }
    type Unrelated {
      x: Int
    }
    type Queries {
      imageV2(id: ID!): ImageV2
      result: Result
      unrelated: Unrelated
    }
    type Mutations {
      forget(id: ID!): Boolean
    }
  `),
);

const names = (document: DocumentNode) =>
  document.definitions.map(
    (definition) => ('name' in definition && definition.name?.value) || definition.kind,
  );

const rootFields = (document: DocumentNode, name: string) => {
  const root = document.definitions.find(
    (definition) => definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === name,
  );
  return root && 'fields' in root ? root.fields?.map((field) => field.name.value) : undefined;
};

describe('reachableTypeNames', () => {
  it.each([
    [
      'a type reaches its fields, arguments and interfaces',
      { types: ['ImageV2'], fields: [] },
      ['ImageV2', 'ID', 'Tag', 'TagFilter', 'Node', 'String'],
    ],
    [
      'a union reaches its members',
      { types: ['Result'], fields: [] },
      ['Result', 'ImageV2', 'Other', 'ID', 'Tag', 'TagFilter', 'String', 'Node'],
    ],
    [
      'a root field reaches its type, not its root',
      { types: [], fields: [{ type: 'Queries', field: 'unrelated' }] },
      ['Unrelated', 'Int'],
    ],
    [
      'unknown names are skipped',
      { types: ['Nothing'], fields: [{ type: 'Queries', field: 'nothing' }] },
      [],
    ],
  ])('%s', (_name, starting, expected) => {
    expect(reachableTypeNames(SERVED, starting).sort()).toEqual([...expected].sort());
  });
});

describe('restrictToReference', () => {
  it('keeps the reference root fields on the served root of the same operation, whatever its name', () => {
    const reference = buildASTSchema(
      parse('type Query { imageV2(id: ID!): ImageV2 } type ImageV2 { id: ID! }'),
    );
    const cut = restrictToReference(SERVED, reference);
    expect(rootFields(cut, 'Queries')).toEqual(['imageV2']);
    expect(names(cut)).not.toContain('Mutations');
    expect(names(cut)).not.toContain('Unrelated');
    expect(names(cut)).not.toContain('own');
    expect(names(cut)).toEqual(expect.arrayContaining(['ImageV2', 'Tag', 'TagFilter', 'Node']));
    // The schema definition keeps only the roots that are left.
    const schemaDefinition = cut.definitions.find((definition) => definition.kind === Kind.SCHEMA_DEFINITION);
    expect(
      schemaDefinition && 'operationTypes' in schemaDefinition
        ? schemaDefinition.operationTypes.map((op) => op.operation)
        : [],
    ).toEqual(['query']);
  });

  it('keeps the directives the reference defines', () => {
    const reference = buildASTSchema(
      parse(
        'directive @own on FIELD_DEFINITION type Query { result: Result } union Result = Other type Other { text: String }',
      ),
    );
    expect(names(restrictToReference(SERVED, reference))).toContain('own');
  });
});
