/** A sandbox manager and a gateway in front of it, both real servers on loopback, started in-process. */
import { type RunningGateway, startGateway } from '../../src/gateway/start.ts';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/index.ts';

export interface Stack {
  sandbox: Sandbox;
  gateway: RunningGateway;
  close(): Promise<void>;
}

export async function startStack(
  options: { sandbox?: SandboxOptions; env?: Record<string, string> } = {},
): Promise<Stack> {
  const sandbox = await startSandbox({ port: 0, ...options.sandbox });
  try {
    const gateway = await startGateway({
      PORT: '0',
      LEGACY_URL: sandbox.url,
      GATEWAY_ACCESS_KEY: sandbox.credentials.superadmin.accessKey,
      GATEWAY_SECRET_KEY: sandbox.credentials.superadmin.secretKey,
      ...options.env,
    });
    return {
      sandbox,
      gateway,
      async close() {
        await gateway.close();
        await sandbox.close();
      },
    };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}

/**
 * Stacks a test starts, closed after each test: `const stackOf = stacksClosedAfterEach(afterEach)`.
 * (vitest's hook is passed in so this module stays free of test-runner globals.)
 */
export function stacksClosedAfterEach(afterEach: (hook: () => Promise<void>) => void) {
  const stacks: Stack[] = [];
  afterEach(async () => {
    await Promise.all(stacks.splice(0).map((stack) => stack.close()));
  });
  return async (options: Parameters<typeof startStack>[0]) => {
    const stack = await startStack(options);
    stacks.push(stack);
    return stack;
  };
}

/** A gateway without a keypair of its own, reading the schema from the file (it cannot introspect). */
export const WITHOUT_GATEWAY_KEYPAIR = {
  GATEWAY_ACCESS_KEY: '',
  GATEWAY_SECRET_KEY: '',
  LEGACY_SCHEMA: 'src/sandbox/schema/legacy-26.1.graphql',
};
