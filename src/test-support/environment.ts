/**
 * Shared by tests only (excluded from the build). Real services and published vectors are
 * required in CI (CI=true): missing ones fail the run. Locally a test may skip, saying why.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const inCi = process.env.CI === 'true' || process.env.CI === '1';

const repoRoot = resolve(import.meta.dirname, '..', '..');

/** Absolute path of ../shared/vectors (override with BULWARK_VECTORS). */
export function vectorsDir(): string {
  return resolve(process.env.BULWARK_VECTORS ?? resolve(repoRoot, '..', 'shared', 'vectors'));
}

/**
 * Returns the absolute path of a vector file or folder, or null when it is missing
 * (after warning). In CI a missing vector throws, so the suite fails.
 */
export function vectorPath(relative: string): string | null {
  const path = resolve(vectorsDir(), relative);
  if (existsSync(path)) return path;
  const message = `test vectors missing at ${path} (set BULWARK_VECTORS to the shared/vectors folder)`;
  if (inCi) throw new Error(message);
  console.warn(`SKIP: ${message}`);
  return null;
}

export const postgresUrl = process.env.BULWARK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const redisUrl = process.env.BULWARK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
