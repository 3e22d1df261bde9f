/**
 * Optional CPU profile of a bench server's steady state: when `BENCH_CPU_PROFILE` names a
 * file, profiling starts after seeding (so start-up is not in it) and the `.cpuprofile`
 * is written on stop. Same format as `node --cpu-prof`; read it with bench/profile/summarize.ts.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

/** Starts profiling when asked to; returns the function that stops and writes it. */
export async function startProfile(): Promise<() => Promise<void>> {
  const file = process.env.BENCH_CPU_PROFILE;
  if (!file) return async () => {};
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
  };
}
