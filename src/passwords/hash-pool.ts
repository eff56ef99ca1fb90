import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { OverloadedError } from '../errors.js';
import type { HashTask, PasswordWorkerData } from './hash-task.js';

export interface HashPoolOptions {
  /** Worker threads, all started at once and kept. */
  workers: number;
  /** Tasks allowed to wait while every worker is busy; beyond it run() rejects with OverloadedError. */
  maxQueue: number;
  /** Handed to every worker as it starts (policy settings, blocklist file). */
  workerData: PasswordWorkerData;
}

export interface HashPool {
  /** Runs a task on a worker thread; rejects with OverloadedError when the queue is full. */
  run(task: HashTask): Promise<unknown>;
  /** Lets accepted tasks finish, then terminates the threads. Later run() calls throw TypeError. */
  close(): Promise<void>;
}

/**
 * The worker entry beside this module. Under the TypeScript sources (vitest, tsx) this file is
 * `.ts` and so is the entry, which a bare worker thread cannot load: it gets tsx's loader.
 * Compiled to dist/ both are `.js` and load as they are.
 */
function resolveWorker(): { filename: string; execArgv: string[] | undefined } {
  const fromSources = new URL(import.meta.url).pathname.endsWith('.ts');
  const filename = new URL(fromSources ? './hash-worker.ts' : './hash-worker.js', import.meta.url).href;
  // undefined: workers inherit the process's own flags, as Node does by default.
  if (!fromSources) return { filename, execArgv: undefined };
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { filename, execArgv: ['--import', tsxLoader] };
}

const piscinaQueueFull = new Set(['Task queue is at limit', 'No task queue available and all Workers are busy']);

/**
 * The password worker pool: a few worker threads that hash, verify and check the password
 * policy synchronously, at the lowest scheduling priority.
 * Admission is counted here, not left to piscina's queue heuristics: at most
 * `workers + maxQueue` tasks are accepted at once, the rest fail fast with OverloadedError (503).
 */
export function createHashPool(options: HashPoolOptions): HashPool {
  const { workers, maxQueue, workerData } = options;
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    throw new TypeError('workers must be an integer from 1 to 64');
  }
  if (!Number.isInteger(maxQueue) || maxQueue < 0) {
    throw new TypeError('maxQueue must be a non-negative integer');
  }
  const { filename, execArgv } = resolveWorker();
  const piscina = new Piscina({
    filename,
    execArgv,
    workerData,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: Number.POSITIVE_INFINITY,
    // Only a backstop: admission below keeps the queue at or under maxQueue.
    maxQueue: maxQueue + workers,
    // Each worker holds its next task while it runs one: the tasks still run one at a time (they
    // are synchronous), but a worker that finishes starts the next at once instead of sleeping
    // until the event loop hands it over. Measured on 2 cores: logins 0.69-0.76 of the raw hash
    // rate with 1, 0.82-0.90 with 2 (BENCHMARKS.md).
    concurrentTasksPerWorker: 2,
    // Per-task run and wait histograms, which nothing reads: off, to save main-thread work per task.
    recordTiming: false,
  });
  const capacity = workers + maxQueue;
  let accepted = 0;
  let closing: Promise<void> | null = null;

  return {
    async run(task) {
      if (closing !== null) throw new TypeError('the password worker pool is closed');
      if (accepted >= capacity) throw new OverloadedError();
      accepted += 1;
      try {
        return await piscina.run(task);
      } catch (error) {
        if (error instanceof Error && piscinaQueueFull.has(error.message)) throw new OverloadedError();
        throw error;
      } finally {
        accepted -= 1;
      }
    },
    close() {
      closing ??= piscina.close();
      return closing;
    },
  };
}
