/** Tests only: whether the test PostgreSQL answers, and why not when it does not. */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase } from '../store/open-database.js';
import { postgresUrl } from './environment.js';
import { createTestApp, type TestApp } from './test-app.js';

export async function probePostgres(): Promise<string | null> {
  try {
    const { db } = await openDatabase(postgresUrl);
    try {
      await sql`select 1`.execute(db);
      return null;
    } finally {
      await db.destroy();
    }
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * A test app on the test PostgreSQL, in a schema of its own that `close()` drops, so runs never
 * see each other's rows.
 */
export async function createPostgresTestApp(settings: Record<string, string> = {}, options: { viaPort?: number } = {}): Promise<TestApp> {
  const schema = `bulwark_app_${randomBytes(6).toString('hex')}`;
  const { db } = await openDatabase(postgresUrl, { postgresSchema: schema });
  await db.destroy();
  const url = new URL(postgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  // The app may reach the same server through a relay on another port (to cut it off mid-test).
  if (options.viaPort !== undefined) url.port = String(options.viaPort);
  const app = await createTestApp({ ...settings, DATABASE_URL: url.toString() });
  return {
    ...app,
    async close() {
      await app.close();
      const { db: admin } = await openDatabase(postgresUrl);
      await admin.schema.dropSchema(schema).ifExists().cascade().execute();
      await admin.destroy();
    },
  };
}
