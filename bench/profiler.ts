/**
 * CPU profiles of a bench child over exactly one measured run (not its start-up): the parent asks
 * `profile-start` before the run and `profile-stop <file>` after it, and the child writes a `.cpuprofile`
 * that Chrome DevTools opens and bench/profile-summary.ts summarises.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

export function profilerAnswers() {
  const session = new Session();
  session.connect();
  return {
    'profile-start': async () => {
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
      return true;
    },
    'profile-stop': async (file?: string) => {
      const { profile } = await session.post('Profiler.stop');
      if (file) await writeFile(file, JSON.stringify(profile));
      return true;
    },
  };
}
