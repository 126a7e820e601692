/**
 * A legacy manager's image API as the federation subgraph it is in Backend.AI (the graphene subgraph of
 * 26.1 and later): the sandbox's legacy SDL with the federation directives the real schema carries on
 * those types (`ImageNode @key(fields: "id")`; `PageInfo`, `KVPair`, `ResourceLimit` shared).
 */
import { type ConstDirectiveNode, Kind, parse, print, visit } from 'graphql';

const KEYED = new Set(['ImageNode']);
const SHAREABLE = new Set(['PageInfo', 'KVPair', 'ResourceLimit']);

const directive = (name: string, fields?: string): ConstDirectiveNode => ({
  kind: Kind.DIRECTIVE,
  name: { kind: Kind.NAME, value: name },
  arguments: fields
    ? [
        {
          kind: Kind.ARGUMENT,
          name: { kind: Kind.NAME, value: 'fields' },
          value: { kind: Kind.STRING, value: fields },
        },
      ]
    : [],
});

export function legacyImageSubgraphSDL(sdl: string): string {
  const annotated = visit(parse(sdl), {
    ObjectTypeDefinition(node) {
      const name = node.name.value;
      const added = KEYED.has(name)
        ? [directive('key', 'id')]
        : SHAREABLE.has(name)
          ? [directive('shareable')]
          : [];
      return added.length > 0 ? { ...node, directives: [...(node.directives ?? []), ...added] } : undefined;
    },
  });
  const link =
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';
  return `${link}\n\n${print(annotated)}`;
}
