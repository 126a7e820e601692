/**
 * The `imagev2-gateway` command. `serve` is what `npm start` runs; `sandbox` is `npm run sandbox`. Each
 * command's module is loaded when it runs, so `query` and `compare` start without loading Mesh.
 */
import { setMaxListeners } from 'node:events';
import { Command, CommanderError } from 'commander';
import type { RunningGateway } from '../gateway/start.ts';
import { DEMO_KEYPAIRS } from '../sandbox/index.ts';
import { runBenchCommand } from './bench-command.ts';
import { runSandboxCommand } from './sandbox-command.ts';
import { EXIT_USAGE, runSchemaDiff, runSchemaPrint } from './schema-command.ts';
import { startupErrorLine } from './startup-error.ts';

const DEMO_SUPERADMIN = DEMO_KEYPAIRS.superadmin;

/**
 * SIGTERM or SIGINT: stop accepting, let the requests in flight finish (up to SHUTDOWN_GRACE_SECONDS), exit
 * 0. A second signal while draining exits at once (an operator pressing Ctrl-C twice).
 */
function onShutdown(gateway: RunningGateway): void {
  let closing = false;
  const stop = (signal: NodeJS.Signals) => {
    if (closing) {
      gateway.logger.warn(`${signal} received again, exiting without waiting`);
      process.exit(1);
    }
    closing = true;
    gateway.logger.info(`${signal} received, shutting down`, { signal });
    gateway.close().then(
      () => {
        gateway.logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        gateway.logger.error('shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function serve(): Promise<void> {
  // graphql-tools' HTTP executor adds an abort listener per upstream call to one executor-wide signal and
  // removes it when the call's signals are collected; under load that passes Node's default of 10 and
  // prints a leak warning for what is not a leak.
  setMaxListeners(10_000);
  // Loaded here only: the other commands do without the gateway and Mesh.
  const { startGateway } = await import('../gateway/start.ts');
  const gateway = await startGateway(process.env);
  const lines = [`imagev2-gateway: GraphQL at ${gateway.url}/admin/gql (legacy API and ImageV2)`];
  lines.push(
    `  health: ${gateway.url}/healthcheck   readiness: ${gateway.url}/readiness   metrics: ${gateway.url}/metrics`,
  );
  if (gateway.sandbox) {
    const { superadmin, user } = gateway.sandbox.credentials;
    lines.push(`  upstream: the embedded sandbox manager at ${gateway.legacyUrl} (LEGACY_URL is unset)`);
    lines.push(`  demo superadmin keypair: ${superadmin.accessKey} / ${superadmin.secretKey}`);
    lines.push(`  demo user keypair:       ${user.accessKey} / ${user.secretKey}`);
  } else {
    lines.push(`  upstream: ${gateway.legacyUrl}`);
  }
  console.log(lines.join('\n'));
  onShutdown(gateway);
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
  // Bad usage of the schema commands exits 2 (1 is a breaking change), so CI can tell them apart.
  const schema = program
    .command('schema')
    .description('print the served schema, or diff a schema against a reference')
    .exitOverride();
  schema
    .command('print', { isDefault: true })
    .description('print the schema the gateway serves (settings from the environment)')
    .option('--profile <profile>', 'bep-1038 or release (default: V2_PROFILE, else bep-1038)')
    .option('--federation', 'print the ImageV2 Apollo Federation subgraph SDL (what _service serves)')
    .action(async (options: { profile?: string; federation?: boolean }) => {
      process.exitCode = await runSchemaPrint(options, process.env);
    });
  schema
    .command('diff')
    .description(
      'compare the served schema (or --schema) with a reference; exit 1 on a breaking change not allow-listed',
    )
    .requiredOption(
      '--against <file|url>',
      'the reference: an SDL file, or a GraphQL endpoint (introspected)',
    )
    .option('--profile <profile>', 'bep-1038 or release (default: V2_PROFILE, else bep-1038)')
    .option('--schema <file|url>', 'compare this schema instead of the served one')
    .option('--allow <file>', "an allow-list replacing the profile's schema/allow-<profile>.yaml")
    .option('--scope <scope>', 'reference (what the reference defines) or full (both whole)', 'reference')
    .option('--json', 'print the report as JSON')
    .option(
      '--access-key <key>',
      'access key for URLs',
      process.env.BACKEND_ACCESS_KEY ?? DEMO_SUPERADMIN.accessKey,
    )
    .option(
      '--secret-key <key>',
      'secret key for URLs',
      process.env.BACKEND_SECRET_KEY ?? DEMO_SUPERADMIN.secretKey,
    )
    .action(async (options) => {
      process.exitCode = await runSchemaDiff(options, process.env);
    });
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
      // Commander has printed the problem (or the help, which exits 0).
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    console.error(startupErrorLine(error));
    if (process.env.DEBUG) console.error(error);
    process.exitCode = 1;
  }
}
