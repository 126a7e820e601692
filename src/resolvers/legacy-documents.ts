/**
 * The documents the gateway sends the legacy manager for ImageV2, built once and reused: one per root
 * field, set of argument names and selection (a page with `after` and one without are two documents), with
 * every argument a variable typed as the manager's schema types it. A reused document is parsed and
 * printed once, and the arguments of each call travel as variables.
 */
import { type DocumentNode, type GraphQLObjectType, parse } from 'graphql';

export interface LegacyCall {
  field: string;
  args: Record<string, unknown>;
  /** The selection set of the field, `{ ... }`; empty for a scalar field. */
  selection: string;
}

export interface LegacyRequest {
  document: DocumentNode;
  variables: Record<string, unknown>;
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

export class LegacyDocuments {
  private readonly documents = new Map<string, DocumentNode>();

  /** `root` is the legacy schema's query type, whose arguments type the variables. */
  constructor(private readonly root: GraphQLObjectType) {}

  /** The document and variables of one call; arguments that are `undefined` are left out. */
  request(call: LegacyCall): LegacyRequest {
    const names = Object.keys(call.args)
      .filter((name) => call.args[name] !== undefined)
      .sort();
    const key = `${call.field}(${names.join(',')})${call.selection}`;
    let document = this.documents.get(key);
    if (!document) {
      document = this.build(call.field, names, call.selection);
      this.documents.set(key, document);
    }
    const variables: Record<string, unknown> = {};
    for (const name of names) variables[name] = call.args[name];
    return { document, variables };
  }

  private build(fieldName: string, names: string[], selection: string): DocumentNode {
    const field = this.root.getFields()[fieldName];
    if (!field) throw new Error(`the legacy schema has no ${this.root.name}.${fieldName}`);
    const types = new Map(field.args.map((arg) => [arg.name, String(arg.type)]));
    for (const name of names) {
      if (!types.has(name) || !NAME.test(name))
        throw new Error(`${this.root.name}.${fieldName} has no argument "${name}"`);
    }
    const definitions = names.map((name) => `$${name}: ${types.get(name)}`).join(', ');
    const args = names.map((name) => `${name}: $${name}`).join(', ');
    return parse(
      `query${definitions ? `(${definitions})` : ''} { ${fieldName}${args ? `(${args})` : ''} ${selection} }`,
      { noLocation: true },
    );
  }
}
