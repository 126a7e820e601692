/**
 * What a comparison sends: every query of an operations file, each as a document of its own (the
 * operation and the fragments it uses, so one side's validation never sees another operation), once per
 * variable set the variables file gives it. Mutations and subscriptions are not sent: compare asks every
 * endpoint more than once.
 */
import { type DocumentNode, GraphQLError, Kind, parse, print, separateOperations } from 'graphql';
import { isObject, type Json } from './values.ts';

export interface OperationRun {
  /** The operation's name, with `#n` when it runs with several variable sets. */
  label: string;
  operationName: string | null;
  query: string;
  variables: { [name: string]: Json };
}

export interface RunPlan {
  runs: OperationRun[];
  skipped: string[];
}

export class OperationsError extends Error {
  override name = 'OperationsError';
}

function parseDocument(text: string): DocumentNode {
  try {
    return parse(text);
  } catch (error) {
    const detail = error instanceof GraphQLError ? error.message : String(error);
    throw new OperationsError(`the operations file is not GraphQL: ${detail}`);
  }
}

/**
 * The variable sets of each operation, from a variables file `{ "<operation>": {...} | [{...}, ...] }`;
 * operations it does not name run once without variables.
 */
function variableSets(file: unknown, names: string[]): Map<string, { [name: string]: Json }[]> {
  const sets = new Map<string, { [name: string]: Json }[]>();
  if (file === undefined) return sets;
  if (!isObject(file)) {
    throw new OperationsError('the variables file must hold an object: { "<operation name>": { ... } }');
  }
  for (const [name, value] of Object.entries(file)) {
    if (!names.includes(name)) {
      throw new OperationsError(
        `the variables file names "${name}", which is no query of the operations file`,
      );
    }
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0 || !list.every(isObject)) {
      throw new OperationsError(
        `the variables of "${name}" must be an object or a non-empty list of objects`,
      );
    }
    sets.set(name, list as { [name: string]: Json }[]);
  }
  return sets;
}

export function planRuns(operationsText: string, variablesFile?: unknown): RunPlan {
  const document = parseDocument(operationsText);
  const operations = document.definitions.filter(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (operations.length === 0) throw new OperationsError('the operations file holds no operation');
  if (operations.length > 1 && operations.some((operation) => !operation.name)) {
    throw new OperationsError('an operations file with several operations must name every one');
  }
  const separated = separateOperations(document);
  const skipped: string[] = [];
  const queries: { name: string | null; query: string }[] = [];
  for (const operation of operations) {
    const name = operation.name?.value ?? null;
    if (operation.operation !== 'query') {
      skipped.push(`${name ?? '(anonymous)'}: a ${operation.operation}, not sent`);
      continue;
    }
    queries.push({ name, query: print(separated[name ?? ''] as DocumentNode) });
  }
  const sets = variableSets(
    variablesFile,
    queries.flatMap((query) => (query.name ? [query.name] : [])),
  );
  const runs = queries.flatMap(({ name, query }) => {
    const variables = (name && sets.get(name)) || [{}];
    const label = name ?? '(anonymous)';
    return variables.map((values, index) => ({
      label: variables.length > 1 ? `${label} #${index + 1}` : label,
      operationName: name,
      query,
      variables: values,
    }));
  });
  return { runs, skipped };
}
