/** Sandbox options from `SANDBOX_*` environment variables (`npm run sandbox`, `npm start`); see docs/sandbox.md. */
import { parseFault } from './http/faults.ts';
import { SANDBOX_RELEASES, type SandboxRelease } from './native-v2/releases.ts';
import type { SandboxOptions } from './options.ts';

type Env = Record<string, string | undefined>;

/** Sandbox options from SANDBOX_* variables; a bad value is an error naming the variable. */
export function sandboxOptionsFromEnv(env: Env): SandboxOptions {
  const problems: string[] = [];
  const options: SandboxOptions = {};
  const integer = (name: string, min: number): number | undefined => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) {
      problems.push(`${name} must be a whole number of at least ${min}, got "${raw}"`);
      return undefined;
    }
    return value;
  };
  const port = integer('SANDBOX_PORT', 0);
  if (port !== undefined) options.port = port;
  const images = integer('SANDBOX_IMAGES', 0);
  if (images !== undefined) options.images = images;
  const extraRegistries = integer('SANDBOX_EXTRA_REGISTRIES', 0);
  if (extraRegistries !== undefined) options.extraRegistries = extraRegistries;
  const latency = integer('SANDBOX_LATENCY_MS', 0);
  if (latency !== undefined) options.latencyMs = latency;
  const maxPageSize = integer('SANDBOX_MAX_PAGE_SIZE', 1);
  if (maxPageSize !== undefined) options.maxPageSize = maxPageSize;
  if (env.SANDBOX_HOST?.trim()) options.host = env.SANDBOX_HOST.trim();
  if (env.SANDBOX_SEED?.trim()) options.seed = env.SANDBOX_SEED.trim();
  const version = env.SANDBOX_MANAGER_VERSION?.trim();
  if (version) {
    if ((SANDBOX_RELEASES as readonly string[]).includes(version))
      options.managerVersion = version as SandboxRelease;
    else
      problems.push(
        `SANDBOX_MANAGER_VERSION must be one of ${SANDBOX_RELEASES.join(', ')}, got "${version}"`,
      );
  }
  const onOff = (name: string): boolean | undefined => {
    const value = env[name]?.trim().toLowerCase();
    if (!value) return undefined;
    if (value === 'on' || value === 'off') return value === 'on';
    problems.push(`${name} must be on or off, got "${env[name]}"`);
    return undefined;
  };
  const auth = onOff('SANDBOX_AUTH');
  if (auth === false) options.auth = false;
  const introspection = onOff('SANDBOX_INTROSPECTION');
  if (introspection === false) options.introspection = false;
  const accessKey = env.SANDBOX_ACCESS_KEY?.trim();
  const secretKey = env.SANDBOX_SECRET_KEY?.trim();
  if (accessKey && secretKey) options.superadminKeypair = { accessKey, secretKey };
  else if (accessKey || secretKey)
    problems.push('SANDBOX_ACCESS_KEY and SANDBOX_SECRET_KEY must be set together');
  if (env.SANDBOX_FAULT?.trim()) {
    try {
      options.fault = parseFault(env.SANDBOX_FAULT.trim());
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (problems.length > 0)
    throw new Error(`Invalid sandbox settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return options;
}
