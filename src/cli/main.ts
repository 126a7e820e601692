/**
 * The `imagev2-gateway` command. `serve` is what `npm start` runs; `sandbox` is `npm run sandbox`. Each
 * command's module is loaded when it runs, so `query` and `compare` start without loading Mesh.
 */
import { setMaxListeners } from 'node:events';
import { Command, CommanderError } from 'commander';
import { SettingsError } from '../gateway/settings.ts';
import { DEMO_KEYPAIRS } from '../sandbox/dataset.ts';

/** The sandbox's demo superadmin (see the README), which `query` and `compare` sign as by default. */
const DEMO_SUPERADMIN = DEMO_KEYPAIRS.superadmin;

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
  // Loaded here, not at the top: Mesh takes seconds to load, and the other commands do not need it.
  const { startGateway } = await import('../gateway/start.ts');
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
    .action(async () => (await import('./sandbox-command.ts')).runSandboxCommand(process.env));
  program
    .command('schema')
    .description('print the schema the gateway serves (settings from the environment), for schema diffs')
    .action(async () => (await import('./schema-command.ts')).runSchemaCommand(process.env));
  program
    .command('bench')
    .description('benchmark a page of 50 through the gateway against the same page read directly')
    .option('--duration <seconds>', 'seconds of load for each side', '10')
    .option('--connections <n>', 'concurrent connections', '10')
    .option('--images <n>', 'images in the sandbox', '10000')
    .action(async (options: { duration: string; connections: string; images: string }) => {
      const { runBench } = await import('../../bench/v2-page.ts');
      await runBench({
        durationSeconds: Number(options.duration),
        connections: Number(options.connections),
        images: Number(options.images),
      });
    });
  program
    .command('query')
    .description('send one signed GraphQL request and print the answer')
    .argument('<query>', 'the GraphQL document')
    .option('--url <url>', 'gateway or manager base URL', `http://127.0.0.1:${process.env.PORT ?? 4000}`)
    .option('--access-key <key>', 'access key', process.env.BACKEND_ACCESS_KEY ?? DEMO_SUPERADMIN.accessKey)
    .option('--secret-key <key>', 'secret key', process.env.BACKEND_SECRET_KEY ?? DEMO_SUPERADMIN.secretKey)
    .option('--variables <json>', 'variables as a JSON object')
    .option('--api-version <version>', 'X-BackendAI-Version to sign with')
    .action(async (query: string, options) => {
      const { runQueryCommand } = await import('./query-command.ts');
      process.exitCode = await runQueryCommand(query, options);
    });
  program
    .command('compare')
    .description('ask two GraphQL endpoints the same operations and report where the answers differ')
    .requiredOption(
      '--control <url>',
      'the endpoint answers are checked against (asked twice for the noise baseline)',
    )
    .requiredOption('--candidate <url>', 'the endpoint whose answers are checked')
    .requiredOption('--operations <file>', 'a GraphQL file; every query in it is sent')
    .option('--variables <file>', 'JSON: { "<operation name>": { ...variables } | [ {...}, ... ] }')
    .option('--access-key <key>', 'access key', process.env.BACKEND_ACCESS_KEY ?? DEMO_SUPERADMIN.accessKey)
    .option('--secret-key <key>', 'secret key', process.env.BACKEND_SECRET_KEY ?? DEMO_SUPERADMIN.secretKey)
    .option('--ignore <file>', 'JSON ignore rules: skip paths, compare lists as sets, known quirks by name')
    .option('--json <file>', 'write the report as JSON')
    .option('--html <file>', 'write the report as one HTML page')
    .option('--timeout <ms>', 'how long to wait for each answer', '30000')
    .option('--api-version <version>', 'X-BackendAI-Version to sign with')
    // Bad usage exits with 2, as the command's contract says (commander's own default is 1).
    .exitOverride()
    .action(async (options) => {
      const { runCompareCommand } = await import('./compare-command.ts');
      process.exitCode = await runCompareCommand(options);
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has already said what is wrong (or printed the help).
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    console.error(error instanceof SettingsError ? error.message : error);
    process.exitCode = 1;
  }
}
