/**
 * A real app whose log lines are kept in memory, for tests that check what reaches the log.
 * Tests only; excluded from the build.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { createDependencies } from '../cli/create-dependencies.js';
import { loadConfig } from '../config/index.js';
import type { Config } from '../config/types.js';
import { buildApp } from '../http/build-app.js';
import { createLogger } from '../http/logger.js';
import { FAST_ARGON2 } from './test-app.js';

export interface LoggedApp {
  app: FastifyInstance;
  /** Everything logged so far, as written (JSON lines). */
  written(): string;
  close(): Promise<void>;
}

/** A writable stream that keeps what is written to it. */
export function createMemorySink(): { sink: Writable; written(): string } {
  let written = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written += chunk.toString();
      done();
    },
  });
  return { sink, written: () => written };
}

export async function createLoggedApp(logLevel: Config['logLevel'], settings: Record<string, string> = {}): Promise<LoggedApp> {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-logged-'));
  // What is logged does not depend on the argon2 cost: the cheap test parameters.
  const config: Config = {
    ...loadConfig({ DATABASE_URL: `sqlite:${join(dir, 'db')}`, LOG_LEVEL: logLevel, HASH_WORKERS: '1', ...settings }),
    argon2: FAST_ARGON2,
  };
  const { sink, written } = createMemorySink();
  const deps = await createDependencies(config);
  const app = await buildApp(config, deps, { logger: createLogger(config, sink) });
  return {
    app,
    written,
    async close() {
      await app.close();
      await deps.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
