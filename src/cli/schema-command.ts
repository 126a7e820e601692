/**
 * `imagev2-gateway schema print` and `schema diff`. `print` writes the schema the gateway serves (or, with
 * `--federation`, its ImageV2 subgraph SDL); `diff` compares the served schema, or any other, with a
 * reference and exits 1 on a breaking change the allow-list does not name, 0 otherwise, 2 when the
 * comparison cannot run (bad usage, a schema that cannot be read). Only the schema or the report goes to
 * stdout. See src/schema-diff/ for what is compared and how.
 */
import { printSchema } from 'graphql';
import { SettingsError } from '../gateway/settings.ts';
import { DEMO_KEYPAIRS } from '../sandbox/index.ts';
import { imageV2SubgraphSDL } from '../schema/federation.ts';
import type { V2Profile } from '../schema/imagev2-typedefs.ts';
import {
  compareSchemas,
  type DiffScope,
  formatReport,
  reportJson,
  type SchemaInput,
} from '../schema-diff/index.ts';
import {
  type Credentials,
  defaultAllowListFile,
  readAllowList,
  readSchemaSource,
  SourceError,
  servedSchema,
} from './schema-sources.ts';

type Env = Record<string, string | undefined>;

export const EXIT_OK = 0;
export const EXIT_BREAKING = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {
  override name = 'UsageError';
}

const PROFILES: readonly V2Profile[] = ['bep-1038', 'release'];
const SCOPES: readonly DiffScope[] = ['reference', 'full'];

function oneOf<T extends string>(what: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${what} must be one of ${allowed.join(', ')}, got "${value}"`);
  }
  return value as T;
}

const profileOf = (option: string | undefined, env: Env) =>
  oneOf('--profile', option ?? env.V2_PROFILE ?? 'bep-1038', PROFILES);

/** Runs a schema command, turning what stops it into a message on stderr and exit code 2. */
async function guarded(name: string, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof UsageError || error instanceof SourceError || error instanceof SettingsError) {
      console.error(`schema ${name}: ${error.message}`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

export interface SchemaPrintOptions {
  profile?: string;
  federation?: boolean;
}

export function runSchemaPrint(options: SchemaPrintOptions, env: Env): Promise<number> {
  return guarded('print', async () => {
    const profile = profileOf(options.profile, env);
    const schema = await servedSchema(env, { V2_PROFILE: profile });
    process.stdout.write(
      options.federation ? imageV2SubgraphSDL(schema, profile) : `${printSchema(schema)}\n`,
    );
    return EXIT_OK;
  });
}

export interface SchemaDiffOptions extends Partial<Credentials> {
  against?: string;
  profile?: string;
  schema?: string;
  allow?: string;
  scope?: string;
  json?: boolean;
}

export function runSchemaDiff(options: SchemaDiffOptions, env: Env): Promise<number> {
  return guarded('diff', async () => {
    if (!options.against) throw new UsageError('--against <file or URL> is required');
    const profile = profileOf(options.profile, env);
    const scope = oneOf('--scope', options.scope ?? 'reference', SCOPES);
    const credentials = {
      accessKey: options.accessKey ?? DEMO_KEYPAIRS.superadmin.accessKey,
      secretKey: options.secretKey ?? DEMO_KEYPAIRS.superadmin.secretKey,
    };
    const allowFile = options.allow ?? defaultAllowListFile(profile);
    const allowList = await readAllowList(allowFile);
    const reference = await readSchemaSource(options.against, credentials);
    const schema: SchemaInput = options.schema
      ? await readSchemaSource(options.schema, credentials)
      : await servedSchema(env, { V2_PROFILE: profile });
    let report: Awaited<ReturnType<typeof compareSchemas>>;
    try {
      report = await compareSchemas(schema, reference, { scope, allowList });
    } catch (error) {
      throw new SourceError(`cannot compare: ${(error as Error).message}`);
    }
    const labels = {
      schema: options.schema ?? `the served schema (profile ${profile})`,
      against: options.against,
      allowList: allowFile,
    };
    process.stdout.write(`${options.json ? reportJson(report, labels) : formatReport(report, labels)}\n`);
    return report.ok ? EXIT_OK : EXIT_BREAKING;
  });
}
