/**
 * The sandbox's legacy SDL per manager release. 26.1 is written out in schema/legacy-26.1.graphql; 26.3
 * serves the same GraphQL (it adds REST only); 25.6 is derived from 26.1 by undoing what changed since:
 * root types named `Queries`/`Mutations`, no `ImageNode.installed` (25.11) or `ImageNode.type` (25.12),
 * `architecture` arguments defaulting to "x86_64" (nullable without default since 26.1), and no
 * `PurgeImageOptions` (25.10), and `ResourceLimit.max` not yet deprecated (25.14).
 */
import { readFileSync } from 'node:fs';
import { type ASTNode, type DocumentNode, Kind, parse, print, type TypeNode, visit } from 'graphql';

import type { ManagerVersion } from '../releases.ts';

export { MANAGER_VERSIONS, type ManagerVersion } from '../releases.ts';

const SDL_26_1 = readFileSync(new URL('../schema/legacy-26.1.graphql', import.meta.url), 'utf8');

const X86_64 = { kind: Kind.STRING, value: 'x86_64' } as const;
const named = (name: string): TypeNode => ({ kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: name } });

function isArchitecture(node: { name: { value: string } }): boolean {
  return node.name.value === 'architecture';
}

/** Undoes, on the 26.1 document, what 25.7 to 26.1 changed in the image API. */
function as25_6(document: DocumentNode): DocumentNode {
  const ancestorsName = (ancestors: readonly (ASTNode | readonly ASTNode[])[]): string | undefined => {
    for (let i = ancestors.length - 1; i >= 0; i -= 1) {
      const node = ancestors[i] as { kind?: string; name?: { value: string } };
      if (node.kind && node.name && node.kind !== Kind.FIELD_DEFINITION) return node.name.value;
    }
    return undefined;
  };
  return visit(document, {
    // Renamed on leave, so that the fields inside are still visited under their 26.1 owner names.
    OperationTypeDefinition: {
      leave(node) {
        const renamed =
          node.operation === 'query' ? 'Queries' : node.operation === 'mutation' ? 'Mutations' : null;
        return renamed
          ? { ...node, type: { ...node.type, name: { ...node.type.name, value: renamed } } }
          : undefined;
      },
    },
    ObjectTypeDefinition: {
      leave(node) {
        const renamed =
          node.name.value === 'Query' ? 'Queries' : node.name.value === 'Mutation' ? 'Mutations' : null;
        return renamed ? { ...node, name: { ...node.name, value: renamed } } : undefined;
      },
    },
    EnumTypeDefinition(node) {
      return node.name.value === 'ImageType' ? null : undefined;
    },
    InputObjectTypeDefinition(node) {
      return node.name.value === 'PurgeImageOptions' ? null : undefined;
    },
    FieldDefinition(node, _key, _parent, _path, ancestors) {
      const owner = ancestorsName(ancestors);
      // `max` was deprecated in 25.14.
      if (owner === 'ResourceLimit' && node.name.value === 'max') return { ...node, directives: [] };
      if (owner === 'ImageNode' && (node.name.value === 'installed' || node.name.value === 'type'))
        return null;
      if (owner === 'Mutation' && node.name.value === 'purge_image_by_id') {
        return { ...node, arguments: node.arguments?.filter((arg) => arg.name.value !== 'options') };
      }
      return undefined;
    },
    InputValueDefinition(node, _key, _parent, _path, ancestors) {
      const owner = ancestorsName(ancestors);
      if (owner === 'ResourceLimitInput' && node.name.value === 'max') return { ...node, directives: [] };
      if (!isArchitecture(node)) return undefined;
      if (owner === 'ClearImageCustomResourceLimitKey') {
        return { ...node, type: { kind: Kind.NON_NULL_TYPE, type: named('String') }, defaultValue: X86_64 };
      }
      if (owner === 'Query' || owner === 'Mutation') return { ...node, defaultValue: X86_64 };
      return undefined;
    },
  });
}

export function legacySchemaDocument(version: ManagerVersion): DocumentNode {
  const document = parse(SDL_26_1);
  return version === '25.6' ? as25_6(document) : document;
}

export function legacySchemaSDL(version: ManagerVersion): string {
  return print(legacySchemaDocument(version));
}
