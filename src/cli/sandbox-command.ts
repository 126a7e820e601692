/** `imagev2-gateway sandbox` (`npm run sandbox`): the sandbox manager alone. */
import { DEFAULT_SANDBOX_PORT } from '../gateway/settings.ts';
import { NATIVE_RELEASES, sandboxOptionsFromEnv, startSandbox } from '../sandbox/index.ts';

export async function runSandboxCommand(env: Record<string, string | undefined>): Promise<void> {
  const options = sandboxOptionsFromEnv(env);
  const sandbox = await startSandbox({ port: DEFAULT_SANDBOX_PORT, ...options });
  const { superadmin, user } = sandbox.credentials;
  const native = (NATIVE_RELEASES as readonly string[]).includes(sandbox.version);
  console.log(
    [
      `sandbox manager (Backend.AI ${sandbox.version} legacy API, ${sandbox.dataset.images.length} images) at ${sandbox.url}`,
      `  GraphQL: ${sandbox.url}/admin/gql${options.auth === false ? '   (authentication off)' : ''}`,
      ...(native ? [`  native v2 GraphQL: ${sandbox.url}/admin/gql/strawberry`] : []),
      `  demo superadmin keypair: ${superadmin.accessKey} / ${superadmin.secretKey}`,
      `  demo user keypair:       ${user.accessKey} / ${user.secretKey}`,
      ...(['26.3', '26.4', '26.8'].includes(sandbox.version)
        ? [`  REST image API: ${sandbox.url}/admin/images/search`]
        : []),
      ...(options.fault ? [`  fault: ${JSON.stringify(options.fault)}`] : []),
    ].join('\n'),
  );
  const stop = () => {
    sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
