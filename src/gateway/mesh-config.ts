/**
 * Loads `.meshrc.yaml` and builds the Mesh in-process, the way `mesh dev` does, with two differences that
 * matter to a gateway: `${NAME}` and `${NAME:default}` are filled from a variables map given by the caller
 * (so several gateways with different upstreams can run in one process, as the tests do), and an invalid
 * configuration stops the start instead of printing a warning.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { processConfig } from '@graphql-mesh/config';
import { getMesh, type MeshInstance } from '@graphql-mesh/runtime';
import { InMemoryStoreStorageAdapter, MeshStore } from '@graphql-mesh/store';
import { jsonSchema, type Logger, type YamlConfig } from '@graphql-mesh/types';
import { defaultImportFn, loadYaml } from '@graphql-mesh/utils';
import { Ajv } from 'ajv';

export const MESH_CONFIG_FILE = '.meshrc.yaml';

export type Variables = Record<string, string | undefined>;

/** Fills `${NAME}` and `${NAME:default}`; a `${NAME}` with neither a value nor a default is an error. */
export function substituteVariables(text: string, variables: Variables): string {
  const missing = new Set<string>();
  const result = text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?\}/g,
    (_match, name: string, fallback) => {
      const value = variables[name];
      if (value !== undefined && value !== '') return value;
      if (fallback !== undefined) return fallback;
      missing.add(name);
      return '';
    },
  );
  if (missing.size > 0) {
    throw new Error(
      `${MESH_CONFIG_FILE} needs ${[...missing].join(', ')}, which ${missing.size > 1 ? 'are' : 'is'} not set`,
    );
  }
  return result;
}

export function validateMeshConfig(config: unknown): asserts config is YamlConfig.Config {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const schema = { ...(jsonSchema as object), $schema: undefined };
  if (!ajv.validate(schema, config)) {
    const details = (ajv.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw new Error(`${MESH_CONFIG_FILE} is not a valid Mesh configuration: ${details}`);
  }
}

/**
 * Mesh imports `./transforms/x.ts` keys relative to its own package unless told otherwise; the project's
 * transforms and plugins are named relative to the project root instead, and imported from here so that
 * whatever loads the project's TypeScript (tsx, or vitest) loads them too.
 */
function importRelativeTo(dir: string) {
  return async (id: string) => {
    const local = id.startsWith('./') || id.startsWith('../') || path.isAbsolute(id);
    if (!local) return defaultImportFn(id);
    const module = await import(path.resolve(dir, id));
    return module.default ?? module;
  };
}

/**
 * graphql-tools' HTTP executor shares one upstream call among identical queries in flight at the same
 * time, keyed by URL and body only: the caller's credentials are put on each call later, by the
 * upstream-credentials plugin, so two callers asking the same thing at once would both get the first
 * one's answer. Every GraphQL source therefore makes its own call per request. (Mesh's configuration
 * schema has no key for the executor option, so it is set after validation.)
 */
export function withoutSharedInflightCalls(config: YamlConfig.Config): YamlConfig.Config {
  for (const source of config.sources ?? []) {
    const graphql = (source.handler as { graphql?: Record<string, unknown> }).graphql;
    if (graphql) graphql.deduplicateInflightRequests = false;
  }
  return config;
}

export async function loadMeshConfig(dir: string, variables: Variables, logger: Logger) {
  const file = path.join(dir, MESH_CONFIG_FILE);
  const text = substituteVariables(await readFile(file, 'utf8'), variables);
  const config: unknown = loadYaml(file, text, logger);
  validateMeshConfig(config);
  withoutSharedInflightCalls(config);
  // An in-memory store: nothing is read from or written to `.mesh/`, whatever NODE_ENV says.
  const store = new MeshStore(path.join(dir, '.mesh'), new InMemoryStoreStorageAdapter(), {
    readonly: false,
    validate: false,
  });
  return processConfig(config, { dir, importFn: importRelativeTo(dir), store, logger });
}

export async function buildMesh(dir: string, variables: Variables, logger: Logger): Promise<MeshInstance> {
  const options = await loadMeshConfig(dir, variables, logger);
  return getMesh(options);
}
