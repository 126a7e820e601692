/**
 * Where the schema commands read schemas from: the schema the gateway serves (started as `serve` would,
 * on free ports, and stopped), an SDL file, or a GraphQL endpoint read by introspection and signed like
 * any Backend.AI client. Allow-list files are read here too; what is done with them is src/schema-diff/.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type GraphQLSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { load as loadYaml } from 'js-yaml';
import { request } from 'undici';
import { signRequestHeaders } from '../auth/index.ts';
import type { V2Profile } from '../schema/imagev2-typedefs.ts';
import { type Allowance, parseAllowList, type SchemaInput } from '../schema-diff/index.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A schema that could not be read, or a file that is not what it should be: bad usage (exit 2). */
export class SourceError extends Error {
  override name = 'SourceError';
}

export interface Credentials {
  accessKey: string;
  secretKey: string;
}

/**
 * The schema the gateway serves with these settings (and the profile given). The schema commands keep
 * stdout for the schema or the report, so the gateway's log lines go to stderr.
 */
export async function servedSchema(
  env: Record<string, string | undefined>,
  overrides: Record<string, string>,
): Promise<GraphQLSchema> {
  // Loaded only here: comparing two files needs neither the gateway nor Mesh.
  const { startGateway } = await import('../gateway/start.ts');
  const gateway = await startGateway(
    { ...env, PORT: '0', SANDBOX_PORT: env.SANDBOX_PORT ?? '0', ...overrides },
    { logSink: (line) => process.stderr.write(`${line}\n`) },
  );
  try {
    return gateway.schema;
  } finally {
    await gateway.close();
  }
}

export const isUrl = (source: string) => /^https?:\/\//i.test(source);

/** A base URL is the gateway's or manager's: its GraphQL is at `/admin/gql`. A URL with a path is used as is. */
export function graphqlUrl(source: string): string {
  const url = new URL(source);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/admin/gql';
  return url.toString();
}

async function introspect(source: string, credentials: Credentials): Promise<IntrospectionQuery> {
  const url = graphqlUrl(source);
  const headers = signRequestHeaders({ ...credentials, method: 'POST', url });
  let status: number;
  let text: string;
  try {
    const response = await request(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: getIntrospectionQuery() }),
    });
    status = response.statusCode;
    text = await response.body.text();
  } catch (error) {
    throw new SourceError(`cannot reach ${url}: ${(error as Error).message}`);
  }
  let body: { data?: IntrospectionQuery | null; errors?: { message: string }[] };
  try {
    body = JSON.parse(text);
  } catch {
    throw new SourceError(`${url} answered HTTP ${status} with no GraphQL JSON: ${text.slice(0, 200)}`);
  }
  if (status !== 200 || !body.data?.__schema) {
    const why = body.errors?.map((error) => error.message).join('; ') ?? text.slice(0, 200);
    throw new SourceError(`${url} refused introspection (HTTP ${status}): ${why}`);
  }
  return body.data;
}

/** The SDL of a file, or the introspection of an endpoint. */
export async function readSchemaSource(source: string, credentials: Credentials): Promise<SchemaInput> {
  if (isUrl(source)) return introspect(source, credentials);
  try {
    return await readFile(source, 'utf8');
  } catch (error) {
    throw new SourceError(`cannot read ${source}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
}

/** The allow-list a profile ships with. */
export function defaultAllowListFile(profile: V2Profile): string {
  return path.join(PROJECT_ROOT, 'schema', `allow-${profile}.yaml`);
}

/** An allow-list file (YAML or JSON). */
export async function readAllowList(file: string): Promise<Allowance[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new SourceError(
      `cannot read the allow-list ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  try {
    return parseAllowList(loadYaml(text), file);
  } catch (error) {
    throw new SourceError((error as Error).message);
  }
}
