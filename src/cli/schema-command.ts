/**
 * `imagev2-gateway schema`: prints the GraphQL schema the gateway serves (legacy API and ImageV2, in the
 * configured profile), for schema diff checks against reference schemas. Starts the gateway as `serve`
 * would (on a free port), reads its schema and stops it.
 */
import { printSchema } from 'graphql';
import { startGateway } from '../gateway/start.ts';

export async function runSchemaCommand(env: Record<string, string | undefined>): Promise<void> {
  const gateway = await startGateway({ ...env, PORT: '0', SANDBOX_PORT: env.SANDBOX_PORT ?? '0' });
  try {
    process.stdout.write(`${printSchema(gateway.schema)}\n`);
  } finally {
    await gateway.close();
  }
}
