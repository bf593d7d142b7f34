import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Kernel clock ticks per second for /proc/<pid>/stat (USER_HZ; 100 on Linux everywhere that matters). */
const CLK_TCK = Number((() => {
  try {
    return execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim();
  } catch {
    return '100';
  }
})()) || 100;

/** utime + stime of a process (all its threads), in seconds. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // fields after the ")" that closes comm: state is field 3; utime 14, stime 15
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** Resident set size in MiB (VmRSS). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  return kb ? Number(kb) / 1024 : NaN;
}

/** CPU use of a process over an interval, as % of one core. */
export class CpuMeter {
  #cpu: number;
  #at: number;
  constructor(private readonly pid: number) {
    this.#cpu = cpuSeconds(pid);
    this.#at = performance.now();
  }
  /** % of one core since construction or the previous call */
  lap(): number {
    const cpu = cpuSeconds(this.pid);
    const at = performance.now();
    const pct = ((cpu - this.#cpu) / ((at - this.#at) / 1000)) * 100;
    this.#cpu = cpu;
    this.#at = at;
    return Math.round(pct);
  }
}

export const SERVER_CORE = '0';
export const GENERATOR_CORE = '1';

/** Whether we can pin: taskset present and at least two cores. */
export function canPin(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) >= 2;
  } catch {
    return false;
  }
}

/**
 * Pins this process, all its threads (and threads it starts later), to the generator core, and renices
 * them when asked (nice is per thread on Linux; new threads inherit their creator's).
 */
export function pinSelfToGeneratorCore(nice = 0): boolean {
  if (nice) for (const tid of readdirSync('/proc/self/task')) execFileSync('renice', ['-n', String(nice), '-p', tid], { stdio: 'ignore' });
  if (!canPin()) return false;
  execFileSync('taskset', ['-a', '-p', '-c', GENERATOR_CORE, String(process.pid)], { stdio: 'ignore' });
  return true;
}
