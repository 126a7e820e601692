/**
 * A bench child: the sandbox manager, with options from `BENCH_SANDBOX` (JSON of `SandboxOptions`). It
 * answers its own CPU time and request counters over IPC (bench/ipc.ts).
 */
import { startSandbox } from '../src/sandbox/index.ts';
import { answerParent, ownUsage } from './ipc.ts';
import { profilerAnswers } from './profiler.ts';

const sandbox = await startSandbox({ port: 0, ...JSON.parse(process.env.BENCH_SANDBOX ?? '{}') });
answerParent({
  usage: ownUsage,
  ...profilerAnswers(),
  stats: () => ({
    requests: sandbox.stats.requests,
    graphqlRequests: sandbox.stats.graphqlRequests,
    rootFields: sandbox.stats.rootFields,
  }),
  'reset-stats': () => {
    sandbox.stats.reset();
    return true;
  },
});
process.once('SIGTERM', () => {
  sandbox.close().then(() => process.exit(0));
});
process.send?.({ ready: true, url: sandbox.url });
