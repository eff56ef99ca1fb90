/** Tests only: whether the test PostgreSQL answers, and why not when it does not. */
import { sql } from 'kysely';
import { openDatabase } from '../store/open-database.js';
import { postgresUrl } from './environment.js';

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
