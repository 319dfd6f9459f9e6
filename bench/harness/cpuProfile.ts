// Preloaded (after tsx) into Caravan processes by `npm run bench -- … --cpu-prof <dir>` (through NODE_OPTIONS,
// which does not admit Node's own --cpu-prof): profiles the whole process and writes
// <dir>/<pid>.cpuprofile when it exits, for Chrome DevTools or speedscope.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.CARAVAN_BENCH_CPU_PROF_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  process.on('exit', () => {
    // The same-thread inspector session answers synchronously, so this completes before exit.
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
