/**
 * Where the gateway gets the fronted manager's legacy schema: an SDL file the operator names
 * (`LEGACY_SCHEMA`), or the manager itself, read by introspection at start with the gateway's keypair. Taking
 * the schema from the manager (not from a copy bundled with the gateway) is what lets every legacy type
 * and field of any release pass through.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery, printSchema } from 'graphql';
import { request } from 'undici';
import { signRequestHeaders } from '../auth/index.ts';
import type { Keypair } from './settings.ts';

export class LegacySchemaError extends Error {
  override name = 'LegacySchemaError';
}

export interface ManagerVersionInfo {
  /** The API version the manager speaks newest, for the requests the gateway signs itself. */
  apiVersion: string;
  /** The manager release, for example `26.1.0`. */
  manager: string;
}

/** `GET /`: every manager release answers its versions there, without authentication. */
export async function readManagerVersion(legacyUrl: string): Promise<ManagerVersionInfo> {
  let response: Awaited<ReturnType<typeof request>>;
  try {
    response = await request(`${legacyUrl}/`, { method: 'GET', headersTimeout: 10_000, bodyTimeout: 10_000 });
  } catch (error) {
    throw new LegacySchemaError(
      `cannot reach the legacy manager at ${legacyUrl}: ${(error as Error).message}`,
    );
  }
  const text = await response.body.text();
  try {
    const { version, manager } = JSON.parse(text) as { version?: unknown; manager?: unknown };
    if (typeof version === 'string' && typeof manager === 'string') return { apiVersion: version, manager };
  } catch {
    // reported below
  }
  throw new LegacySchemaError(
    `${legacyUrl}/ does not answer like a Backend.AI manager: HTTP ${response.statusCode} ${text.slice(0, 200)}`,
  );
}

export async function introspectLegacySchema(
  legacyUrl: string,
  keypair: Keypair | null,
  apiVersion: string,
): Promise<string> {
  if (!keypair) {
    throw new LegacySchemaError(
      'the legacy schema is needed: set LEGACY_SCHEMA to an SDL file of the manager, or GATEWAY_ACCESS_KEY and ' +
        'GATEWAY_SECRET_KEY so the gateway can read it from the manager',
    );
  }
  const url = `${legacyUrl}/admin/gql`;
  const body = JSON.stringify({
    query: getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }),
  });
  const headers = signRequestHeaders({
    ...keypair,
    method: 'POST',
    url,
    contentType: 'application/json',
    apiVersion,
    date: new Date(),
  });
  let response: Awaited<ReturnType<typeof request>>;
  try {
    response = await request(url, {
      method: 'POST',
      headers,
      body,
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
    });
  } catch (error) {
    throw new LegacySchemaError(`cannot reach the legacy manager at ${url}: ${(error as Error).message}`);
  }
  const text = await response.body.text();
  if (response.statusCode !== 200) {
    throw new LegacySchemaError(
      `the legacy manager refused to describe its schema: HTTP ${response.statusCode} ${text.slice(0, 200)}`,
    );
  }
  let result: { data?: IntrospectionQuery; errors?: { message: string }[] };
  try {
    result = JSON.parse(text);
  } catch {
    throw new LegacySchemaError(
      `the legacy manager answered introspection with invalid JSON: ${text.slice(0, 200)}`,
    );
  }
  if (!result.data) {
    const reasons = result.errors?.map((e) => e.message).join('; ') ?? 'no data';
    throw new LegacySchemaError(`the legacy manager did not describe its schema: ${reasons}`);
  }
  return printSchema(buildClientSchema(result.data));
}

/** A schema file the gateway reads, and how to remove it when the gateway closes (if it wrote it). */
export interface LegacySchemaFile {
  file: string;
  origin: 'file' | 'introspection';
  dispose(): Promise<void>;
}

/**
 * Mesh's GraphQL handler reads its schema from a file; the introspected SDL is written to one, in a
 * directory of its own that only this user can read (`mkdtemp`: a fresh, unpredictable name, mode 0700),
 * so no other user of the shared temp folder can plant or swap the schema the gateway serves.
 */
export async function writeSchemaFile(sdl: string): Promise<{ file: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'imagev2-gateway-'));
  const file = path.join(dir, 'legacy-schema.graphql');
  try {
    await writeFile(file, sdl, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { file, dispose: () => rm(dir, { recursive: true, force: true }) };
}

export async function resolveLegacySchemaFile(
  legacyUrl: string,
  schemaFile: string | null,
  keypair: Keypair | null,
  apiVersion: string,
): Promise<LegacySchemaFile> {
  if (schemaFile) {
    await readFile(schemaFile, 'utf8').catch((error: Error) => {
      throw new LegacySchemaError(
        `LEGACY_SCHEMA names ${schemaFile}, which cannot be read: ${error.message}`,
      );
    });
    return { file: path.resolve(schemaFile), origin: 'file', dispose: async () => {} };
  }
  const written = await writeSchemaFile(await introspectLegacySchema(legacyUrl, keypair, apiVersion));
  return { ...written, origin: 'introspection' };
}
