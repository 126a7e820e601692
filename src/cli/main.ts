/**
 * The `imagev2-gateway` command. `serve` is what `npm start` runs; `sandbox` is `npm run sandbox`.
 */
import { setMaxListeners } from 'node:events';
import { Command } from 'commander';
import { SettingsError } from '../gateway/settings.ts';
import { startGateway } from '../gateway/start.ts';
import { runBenchCommand } from './bench-command.ts';
import { runQueryCommand } from './query-command.ts';
import { runSandboxCommand } from './sandbox-command.ts';
import { runSchemaCommand } from './schema-command.ts';

function onShutdown(close: () => Promise<void>): void {
  let closing = false;
  const stop = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    console.error(`${signal} received, shutting down`);
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function serve(): Promise<void> {
  // graphql-tools' HTTP executor adds an abort listener per upstream call to one executor-wide signal and
  // removes it when the call's signals are collected; under load that passes Node's default of 10 and
  // prints a leak warning for what is not a leak.
  setMaxListeners(10_000);
  const gateway = await startGateway(process.env);
  const lines = [`imagev2-gateway: GraphQL at ${gateway.url}/admin/gql (legacy API and ImageV2)`];
  lines.push(`  health: ${gateway.url}/healthcheck   readiness: ${gateway.url}/readiness`);
  if (gateway.sandbox) {
    const { superadmin, user } = gateway.sandbox.credentials;
    lines.push(`  upstream: the embedded sandbox manager at ${gateway.legacyUrl} (LEGACY_URL is unset)`);
    lines.push(`  demo superadmin keypair: ${superadmin.accessKey} / ${superadmin.secretKey}`);
    lines.push(`  demo user keypair:       ${user.accessKey} / ${user.secretKey}`);
  } else {
    lines.push(`  upstream: ${gateway.legacyUrl}`);
  }
  console.log(lines.join('\n'));
  onShutdown(() => gateway.close());
}

export async function main(argv: string[]): Promise<void> {
  const program = new Command('imagev2-gateway')
    .description('GraphQL Mesh gateway serving Backend.AI ImageV2 (BEP-1038) in front of legacy managers')
    .showHelpAfterError();
  program
    .command('serve', { isDefault: true })
    .description('run the gateway (settings from the environment; see the README)')
    .action(serve);
  program
    .command('sandbox')
    .description('run the sandbox legacy manager alone')
    .action(() => runSandboxCommand(process.env));
  program
    .command('schema')
    .description('print the schema the gateway serves (settings from the environment), for schema diffs')
    .action(() => runSchemaCommand(process.env));
  program
    .command('bench')
    .description('benchmark the gateway against the manager it fronts (bench/; needs the dev dependencies)')
    .allowUnknownOption()
    .helpOption(false)
    .argument('[options...]', 'passed to bench/run.ts: --json, --duration, --warmup, --scenario, --cpu-prof')
    .action(async (options: string[]) => {
      process.exitCode = await runBenchCommand(options);
    });
  program
    .command('query')
    .description('send one signed GraphQL request and print the answer')
    .argument('<query>', 'the GraphQL document')
    .option('--url <url>', 'gateway or manager base URL', `http://127.0.0.1:${process.env.PORT ?? 4000}`)
    .option('--access-key <key>', 'access key', process.env.BACKEND_ACCESS_KEY ?? 'AKIAIOSFODNN7EXAMPLE')
    .option(
      '--secret-key <key>',
      'secret key',
      process.env.BACKEND_SECRET_KEY ?? 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    )
    .option('--variables <json>', 'variables as a JSON object')
    .option('--api-version <version>', 'X-BackendAI-Version to sign with')
    .action(async (query: string, options) => {
      process.exitCode = await runQueryCommand(query, options);
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    console.error(error instanceof SettingsError ? error.message : error);
    process.exitCode = 1;
  }
}
