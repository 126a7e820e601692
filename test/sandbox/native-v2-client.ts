/** Calling a sandbox's native v2 API (`/admin/gql/strawberry`) over real HTTP, signed as its demo users. */
import { afterAll, beforeAll } from 'vitest';
import { NATIVE_RELEASES, type NativeRelease, type Sandbox, startSandbox } from '../../src/sandbox/index.ts';
import { type GraphQLResponse, type PostOptions, postGraphQL } from '../support/client.ts';
import type { Who } from './helpers.ts';

export const NATIVE_PATH = '/admin/gql/strawberry';

export interface NativeOptions extends Omit<PostOptions, 'keypair' | 'path'> {
  /** null sends no credentials at all. */
  who?: Who | null;
}

export function native<T = Record<string, unknown>>(
  sandbox: Sandbox,
  query: string,
  options: NativeOptions = {},
): Promise<GraphQLResponse<T>> {
  const { who = 'superadmin', ...rest } = options;
  return postGraphQL<T>(sandbox.url, query, {
    apiVersion: 'v9.20250722',
    ...rest,
    keypair: who === null ? null : sandbox.credentials[who],
    path: NATIVE_PATH,
  });
}

/** The data of an answer without errors; fails with the whole answer otherwise. */
export async function nativeData<T = Record<string, unknown>>(
  sandbox: Sandbox,
  query: string,
  options: NativeOptions = {},
): Promise<T> {
  const response = await native<T>(sandbox, query, options);
  if (response.status !== 200 || response.body.errors?.length || !response.body.data)
    throw new Error(`expected data, got HTTP ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.data;
}

/** The first error of an answer (which must have one), with its message and code. */
export async function nativeError(
  sandbox: Sandbox,
  query: string,
  options: NativeOptions = {},
): Promise<{ message: string; code: unknown; data: unknown }> {
  const response = await native(sandbox, query, options);
  const error = response.body.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(response.body)}`);
  return { message: error.message, code: error.extensions?.code, data: response.body.data };
}

/**
 * One sandbox per native release, started before the calling file's tests and closed after them; the
 * record is filled once they have started.
 */
export function nativeSandboxesPerRelease(): Record<NativeRelease, Sandbox> {
  const sandboxes = {} as Record<NativeRelease, Sandbox>;
  beforeAll(async () => {
    const started = await Promise.all(
      NATIVE_RELEASES.map((managerVersion) => startSandbox({ port: 0, managerVersion })),
    );
    NATIVE_RELEASES.forEach((release, index) => {
      sandboxes[release] = started[index] as Sandbox;
    });
  });
  afterAll(() => Promise.all(Object.values(sandboxes).map((sandbox) => sandbox.close())));
  return sandboxes;
}
