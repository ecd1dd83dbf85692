/**
 * Per-thread CPU on Linux, for the bench's "which thread limits it" breakdown: every local
 * server thread reports its OS thread id, and /proc/self/task/<tid>/stat holds its CPU time.
 * Elsewhere both return null.
 */
import { readFileSync, readlinkSync } from 'node:fs';

/** USER_HZ, the unit of utime/stime: 100 on every Linux architecture Node supports. */
const CLOCK_TICKS_PER_SECOND = 100;

/** The calling thread's OS id (/proc/thread-self -> "<pid>/task/<tid>"), or null. */
export function osThreadId(): number | null {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) ? tid : null;
  } catch {
    return null;
  }
}

/** User + system CPU (ms) of thread `tid` of this process so far, or null. */
export function threadCpuMs(tid: number): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // Fields after "pid (comm) ": state is the 1st, utime the 12th, stime the 13th (proc(5): 3, 14, 15).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / CLOCK_TICKS_PER_SECOND : null;
  } catch {
    return null;
  }
}
