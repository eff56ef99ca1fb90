/**
 * Builds a real app (real SQLite file, real hash pool, real throttles) for one test, with a
 * controllable clock. Tests only; excluded from the build.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { createDependencies, type RunningDependencies } from '../cli/create-dependencies.js';
import { loadConfig } from '../config/index.js';
import type { Config } from '../config/types.js';
import { buildApp } from '../http/build-app.js';

export interface TestApp {
  app: FastifyInstance;
  deps: RunningDependencies;
  config: Config;
  /** Moves the clock the use cases see. */
  advance(ms: number): void;
  close(): Promise<void>;
}

const TEST_SETTINGS = { HASH_WORKERS: '2', LOG_LEVEL: 'silent' };
/**
 * Cheap argon2 parameters keep the suite fast (the loader rightly refuses them, so they are set
 * after it); the production defaults are tested in src/passwords.
 */
export const FAST_ARGON2 = { memoryCost: 8192, timeCost: 1, parallelism: 1 };

export async function createTestApp(settings: Record<string, string> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-test-'));
  const config: Config = { ...loadConfig({ ...TEST_SETTINGS, DATABASE_URL: `sqlite:${join(dir, 'test.db')}`, ...settings }), argon2: FAST_ARGON2 };
  const real = await createDependencies(config);
  let offset = 0;
  const deps: RunningDependencies = { ...real, clock: () => Date.now() + offset };
  const app = await buildApp(config, deps, { logger: pino({ level: 'silent' }) });
  await app.ready();
  return {
    app,
    deps,
    config,
    advance(ms) {
      offset += ms;
    },
    async close() {
      await app.close();
      await real.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const STRONG_PASSWORD = 'correct horse battery staple 42';

export interface SignedIn {
  cookie: string;
  csrfToken: string;
}

/** The session cookie pair from a response, as a browser would send it back. */
export function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name.endsWith('bulwark_session'));
  if (cookie === undefined) throw new Error('no session cookie in response');
  return `${cookie.name}=${cookie.value}`;
}

export async function registerUser(app: FastifyInstance, username: string, password = STRONG_PASSWORD, email = `${username}@example.com`) {
  return app.inject({ method: 'POST', url: '/register', payload: { username, email, password } });
}

export async function signIn(app: FastifyInstance, username: string, password = STRONG_PASSWORD, remoteAddress?: string): Promise<SignedIn> {
  const response = await app.inject({ method: 'POST', url: '/login', payload: { username, password }, ...(remoteAddress ? { remoteAddress } : {}) });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  return { cookie: sessionCookieOf(response), csrfToken: response.json<{ csrfToken: string }>().csrfToken };
}
