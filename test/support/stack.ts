/**
 * A sandbox manager and a gateway in front of it, both real servers on loopback, started in-process;
 * optionally with a fault proxy between them (fault-proxy.ts).
 */
import type { LogSink } from '../../src/gateway/observability/json-logger.ts';
import { type RunningGateway, startGateway } from '../../src/gateway/start.ts';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/index.ts';
import { type FaultProxy, startFaultProxy } from './fault-proxy.ts';

export interface Stack {
  sandbox: Sandbox;
  gateway: RunningGateway;
  /** The proxy between the gateway and the sandbox, when asked for. */
  proxy: FaultProxy | null;
  close(): Promise<void>;
}

export interface StackOptions {
  sandbox?: SandboxOptions;
  env?: Record<string, string>;
  logSink?: LogSink;
  /** Puts a fault proxy between the gateway and the sandbox. */
  proxy?: boolean;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const sandbox = await startSandbox({ port: 0, ...options.sandbox });
  const proxy = options.proxy ? await startFaultProxy(sandbox.url) : null;
  try {
    const gateway = await startGateway(
      {
        PORT: '0',
        LEGACY_URL: proxy?.url ?? sandbox.url,
        GATEWAY_ACCESS_KEY: sandbox.credentials.superadmin.accessKey,
        GATEWAY_SECRET_KEY: sandbox.credentials.superadmin.secretKey,
        // Request lines and upstream warnings would bury the test output; tests that read logs give a sink.
        LOG_LEVEL: 'error',
        ...options.env,
      },
      { logSink: options.logSink },
    );
    return {
      sandbox,
      gateway,
      proxy,
      async close() {
        await gateway.close();
        await proxy?.close();
        await sandbox.close();
      },
    };
  } catch (error) {
    await proxy?.close();
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
