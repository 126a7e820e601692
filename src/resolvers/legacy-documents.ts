/**
 * The documents the gateway sends the legacy manager for ImageV2, built once and reused. A document asks
 * one or several root fields (calls made together, such as the caller's role beside a page), each under an
 * alias of its own (`_0`, `_1`, ...) with every argument a variable (`$_0_first`) typed as the manager's
 * schema types it. One document per list of fields, argument names and selections: a page with `after`
 * and one without are two documents. A reused document is parsed and printed once, and the arguments of
 * each call travel as variables.
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
  /** The alias each call's field is answered under, in the order of the calls. */
  aliases: string[];
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/**
 * How many documents are kept. The gateway's own calls need a few dozen (pages with and without cursors,
 * filters and orders, the role beside a page); `nodes(ids)` with a new number of ids makes a new document,
 * so the oldest are dropped past this.
 */
export const KEPT_DOCUMENTS = 256;

/** The arguments a call sends: those not `undefined`, in name order. */
function argumentNames(call: LegacyCall): string[] {
  return Object.keys(call.args)
    .filter((name) => call.args[name] !== undefined)
    .sort();
}

export class LegacyDocuments {
  private readonly documents = new Map<string, DocumentNode>();

  /** `root` is the legacy schema's query type, whose arguments type the variables. */
  constructor(
    private readonly root: GraphQLObjectType,
    private readonly kept = KEPT_DOCUMENTS,
  ) {}

  /** How many documents are kept now. */
  get size(): number {
    return this.documents.size;
  }

  /** One document asking every call, and its variables. */
  request(calls: readonly LegacyCall[]): LegacyRequest {
    const names = calls.map(argumentNames);
    const key = calls.map((call, i) => `${call.field}(${names[i]?.join(',')})${call.selection}`).join('|');
    let document = this.documents.get(key);
    if (!document) {
      document = this.build(calls, names);
      if (this.documents.size >= this.kept)
        this.documents.delete(this.documents.keys().next().value as string);
      this.documents.set(key, document);
    }
    const variables: Record<string, unknown> = {};
    calls.forEach((call, i) => {
      for (const name of names[i] ?? []) variables[`_${i}_${name}`] = call.args[name];
    });
    return { document, variables, aliases: calls.map((_call, i) => `_${i}`) };
  }

  private build(calls: readonly LegacyCall[], names: string[][]): DocumentNode {
    const definitions: string[] = [];
    const fields = calls.map((call, i) => {
      const field = this.root.getFields()[call.field];
      if (!field) throw new Error(`the legacy schema has no ${this.root.name}.${call.field}`);
      const types = new Map(field.args.map((arg) => [arg.name, String(arg.type)]));
      const args = (names[i] ?? []).map((name) => {
        if (!types.has(name) || !NAME.test(name))
          throw new Error(`${this.root.name}.${call.field} has no argument "${name}"`);
        definitions.push(`$_${i}_${name}: ${types.get(name)}`);
        return `${name}: $_${i}_${name}`;
      });
      return `_${i}: ${call.field}${args.length ? `(${args.join(', ')})` : ''} ${call.selection}`;
    });
    const variables = definitions.length ? `(${definitions.join(', ')})` : '';
    return parse(`query${variables} { ${fields.join(' ')} }`, { noLocation: true });
  }
}
