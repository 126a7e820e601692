/**
 * A bench child: the gateway exactly as `imagev2-gateway serve` runs it, with settings from the
 * environment. It answers its own CPU time and memory over IPC (bench/ipc.ts).
 */
import { setMaxListeners } from 'node:events';
import { startGateway } from '../src/gateway/start.ts';
import { answerParent, ownUsage, usageAfterGc } from './ipc.ts';
import { profilerAnswers } from './profiler.ts';

// As `serve` does (src/cli/main.ts): one abort listener per upstream call on an executor-wide signal.
setMaxListeners(10_000);
const gateway = await startGateway(process.env);
answerParent({ usage: ownUsage, 'usage-after-gc': usageAfterGc, ...profilerAnswers() });
process.once('SIGTERM', () => {
  gateway.close().then(() => process.exit(0));
});
process.send?.({ ready: true, url: gateway.url });
