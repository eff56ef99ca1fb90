/**
 * Where a server's CPU goes, per thread, from Linux's /proc: used to account for each login
 * and sign-up in the same run as the rates (not a profile; the kernel's own counters).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime: 100 on every Linux this runs on. */
const TICKS_PER_SECOND = 100;

/** CPU milliseconds used so far by each thread of `pid`, by thread id. */
export function readThreadCpu(pid: number): Map<number, number> {
  const threads = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    threads.set(Number(tid), ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND);
  }
  return threads;
}

export interface CpuSplit {
  /** The event loop (the main thread: its id is the process id). */
  eventLoop: number;
  /** The `hashThreads` busiest other threads: the password workers. */
  hashWorkers: number;
  /** Every other thread: V8's garbage-collection helpers, the libuv pool. */
  otherThreads: number;
}

/** CPU milliseconds spent between two readings, split by role. */
export function splitThreadCpu(pid: number, before: Map<number, number>, after: Map<number, number>, hashThreads: number): CpuSplit {
  const used = [...after].map(([tid, ms]) => ({ tid, ms: ms - (before.get(tid) ?? 0) }));
  const eventLoop = used.find((t) => t.tid === pid)?.ms ?? 0;
  const others = used.filter((t) => t.tid !== pid).map((t) => t.ms).sort((a, b) => b - a);
  const hashWorkers = others.slice(0, hashThreads).reduce((a, b) => a + b, 0);
  const otherThreads = others.slice(hashThreads).reduce((a, b) => a + b, 0);
  return { eventLoop, hashWorkers, otherThreads };
}
