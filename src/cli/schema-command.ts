/**
 * `imagev2-gateway schema`: prints the GraphQL schema the gateway serves (legacy API and ImageV2, in the
 * configured profile), for schema diff checks against reference schemas. Starts the gateway as `serve`
 * would (on a free port), reads its schema and stops it.
 */
import { printSchema } from 'graphql';
import { startGateway } from '../gateway/start.ts';

export async function runSchemaCommand(env: Record<string, string | undefined>): Promise<void> {
  // The schema goes to stdout; the gateway's log lines to stderr, so they cannot end up in a schema diff.
  const gateway = await startGateway(
    { ...env, PORT: '0', SANDBOX_PORT: env.SANDBOX_PORT ?? '0' },
    { logSink: (line) => process.stderr.write(`${line}\n`) },
  );
  try {
    process.stdout.write(`${printSchema(gateway.schema)}\n`);
  } finally {
    await gateway.close();
  }
}
