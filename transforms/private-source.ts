/**
 * Mesh transform: keeps a source out of the served schema. The gateway calls the manager's REST API for its
 * own use (through the in-context SDK, which reaches the source directly); its root fields, its types and
 * the directives its handler adds (`@httpOperation`, `@transport`) are not part of the API clients see.
 */
import type { MeshTransform, MeshTransformOptions } from '@graphql-mesh/types';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';

interface PrivateSourceConfig {
  /** The Mesh source name to hide. */
  source: string;
}

interface StitchingInfo {
  subschemaMap: Map<unknown, { name?: string; schema: GraphQLSchema }>;
}

export default class PrivateSourceTransform implements MeshTransform {
  readonly noWrap = true;
  private readonly source: string;

  constructor({ config }: MeshTransformOptions<PrivateSourceConfig>) {
    if (typeof config?.source !== 'string' || !config.source) {
      throw new Error('private-source transform: source must name the Mesh source to hide');
    }
    this.source = config.source;
  }

  transformSchema(schema: GraphQLSchema): GraphQLSchema {
    const info = schema.extensions.stitchingInfo as StitchingInfo | undefined;
    const subschemas = [...(info?.subschemaMap.values() ?? [])];
    const hidden = subschemas.find((candidate) => candidate.name === this.source)?.schema;
    if (!hidden) throw new Error(`private-source transform: no stitched source named "${this.source}"`);
    const others = subschemas
      .filter((candidate) => candidate.schema !== hidden)
      .map((candidate) => candidate.schema);
    const elsewhere = (has: (other: GraphQLSchema) => boolean) => others.some(has);
    const rootFields = new Set(Object.keys(hidden.getQueryType()?.getFields() ?? {}));
    // The served root types stay whatever their names: a source's own root may be named like them
    // (`Query`) while the legacy source calls its root `Queries`.
    const roots = new Set(
      [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].map((t) => t?.name),
    );
    const ownTypes = new Set(
      Object.keys(hidden.getTypeMap()).filter(
        (name) => !name.startsWith('__') && !roots.has(name) && !elsewhere((other) => !!other.getType(name)),
      ),
    );
    const ownDirectives = new Set(
      hidden
        .getDirectives()
        .map((d) => d.name)
        .filter((name) => !elsewhere((other) => !!other.getDirective(name))),
    );
    return mapSchema(schema, {
      [MapperKind.QUERY_ROOT_FIELD]: (field, fieldName) =>
        rootFields.has(fieldName) && !elsewhere((other) => !!other.getQueryType()?.getFields()[fieldName])
          ? null
          : field,
      [MapperKind.TYPE]: (type) => (ownTypes.has(type.name) ? null : type),
      [MapperKind.DIRECTIVE]: (directive) => (ownDirectives.has(directive.name) ? null : directive),
    });
  }
}
